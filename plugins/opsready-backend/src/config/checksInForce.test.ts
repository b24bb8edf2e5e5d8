import { Entity } from '@backstage/catalog-model';
import { builtInChecks, evaluateChecks } from '@opsready/plugin-opsready-node';
import { applyCheckConfig } from './checksInForce';

const library: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'lib' },
  spec: { type: 'library', lifecycle: 'production', owner: 'team' },
};

describe('applyCheckConfig', () => {
  it('drops disabled checks and replaces weights', () => {
    const checks = applyCheckConfig(builtInChecks, {
      disabledChecks: ['catalog.description'],
      overrides: new Map([['catalog.owner', { weight: 7 }]]),
    });
    expect(checks.map(c => c.id)).not.toContain('catalog.description');
    expect(checks.find(c => c.id === 'catalog.owner')?.weight).toBe(7);
  });

  it('narrows where a check applies without widening it', () => {
    const checks = applyCheckConfig(builtInChecks, {
      disabledChecks: [],
      overrides: new Map([
        ['catalog.system', { appliesTo: { types: ['service'] } }],
      ]),
    });
    const results = evaluateChecks(checks, {
      entity: library,
      catalog: { ownerExists: true },
    });
    expect(results.find(r => r.checkId === 'catalog.system')).toEqual({
      checkId: 'catalog.system',
      status: 'not-applicable',
      message: 'This check is configured not to apply to this entity.',
    });
    // Unnarrowed checks still run.
    expect(results.find(r => r.checkId === 'catalog.owner')?.status).toBe(
      'pass',
    );
  });
});
