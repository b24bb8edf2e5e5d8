import { Entity } from '@backstage/catalog-model';
import { evaluateChecks } from './evaluateChecks';
import {
  descriptionCheck,
  ownerCheck,
  systemCheck,
} from './catalog/catalogChecks';
import { CheckDefinition } from './types';

// The engine is tested on three simple checks; the catalog checks have tests
// of their own.
const builtInChecks = [ownerCheck, descriptionCheck, systemCheck];

function component(overrides: Partial<Entity> = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'checkoutservice', description: 'Places orders.' },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/payments',
      system: 'online-boutique',
    },
    ...overrides,
  };
}

const statusById = (entity: Entity, checks = builtInChecks) =>
  Object.fromEntries(
    evaluateChecks(checks, { entity, catalog: { ownerExists: true } }).map(
      r => [r.checkId, r.status],
    ),
  );

describe('evaluateChecks with the built-in catalog checks', () => {
  it('passes a well-described component', () => {
    expect(statusById(component())).toEqual({
      'catalog.owner': 'pass',
      'catalog.description': 'pass',
      'catalog.system': 'pass',
    });
  });

  it('fails what a bare component lacks, and says what is missing', () => {
    const bare = component({
      metadata: { name: 'productcatalogservice' },
      spec: { type: 'service', lifecycle: 'experimental', owner: '' },
    });
    const results = evaluateChecks(builtInChecks, { entity: bare });
    expect(results).toEqual([
      { checkId: 'catalog.owner', status: 'fail', message: 'No owner is set.' },
      {
        checkId: 'catalog.description',
        status: 'fail',
        message: 'No description is set.',
      },
      {
        checkId: 'catalog.system',
        status: 'fail',
        message: 'Not part of any system.',
      },
    ]);
  });

  it('does not apply component checks to other kinds', () => {
    const group: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'payments' },
      spec: { type: 'team', children: [] },
    };
    expect(new Set(Object.values(statusById(group)))).toEqual(
      new Set(['not-applicable']),
    );
  });

  it('keeps going when a check throws, and reports it as an error', () => {
    const broken: CheckDefinition = {
      ...builtInChecks[0],
      id: 'custom.broken',
      evaluate: () => {
        throw new Error('cannot read property of undefined');
      },
    };
    const results = evaluateChecks([broken, ...builtInChecks], {
      entity: component(),
      catalog: { ownerExists: true },
    });
    expect(results[0]).toEqual({
      checkId: 'custom.broken',
      status: 'error',
      message: 'The check failed to run: cannot read property of undefined',
    });
    expect(results.slice(1).map(r => r.status)).toEqual([
      'pass',
      'pass',
      'pass',
    ]);
  });
});
