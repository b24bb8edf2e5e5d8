import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Entity } from '@backstage/catalog-model';
import { builtInChecks } from './builtInChecks';
import { evaluateChecks } from './evaluateChecks';

// A component that satisfies every catalog rule and declares a health URL,
// so that whatever a check cannot answer comes from a missing fact source.
const wellDescribed: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'cartservice',
    description: 'Keeps shopping carts.',
    annotations: {
      'backstage.io/techdocs-ref': 'dir:.',
      'opsready.io/health-url': 'https://cart.example.com/healthz',
      'opsready.io/slo': 'availability: 99.9%',
    },
  },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:default/storefront',
    system: 'online-boutique',
    dependsOn: ['resource:default/redis-cart'],
    providesApis: ['cart-api'],
  },
};

// Families shown in another family's category: the SLO checks are shown
// among the observability checks.
const CATEGORY_OF_FAMILY: Record<string, string> = { slo: 'observability' };

describe('the built-in checks', () => {
  it('each have a unique id and the fields the check catalog shows', () => {
    const ids = builtInChecks.map(check => check.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const check of builtInChecks) {
      expect(check.id).toMatch(/^[a-z]+\.[a-z0-9-]+$/);
      const family = check.id.slice(0, check.id.indexOf('.'));
      expect(CATEGORY_OF_FAMILY[family] ?? family).toBe(check.category);
      expect(check.title.length).toBeGreaterThan(3);
      expect(check.remediation.length).toBeGreaterThan(20);
      expect(check.weight).toBeGreaterThan(0);
      expect(['low', 'medium', 'high', 'critical']).toContain(check.severity);
    }
  });

  it('never pass on a fact source that could not be read', () => {
    // Only the entity is known: no catalog lookup, repository, clusters,
    // health figures or delivery record.
    const results = evaluateChecks(builtInChecks, { entity: wellDescribed });
    const passing = results
      .filter(result => result.status === 'pass')
      .map(result => result.checkId);
    // These read the entity alone, and this entity satisfies them.
    expect(passing.sort()).toEqual(
      [
        'catalog.dependencies',
        'catalog.description',
        'catalog.docs',
        'catalog.lifecycle',
        'catalog.provided-apis',
        'catalog.system',
        'health.endpoint-declared',
        'slo.declared',
      ].sort(),
    );
    const unanswered = results.filter(
      result => !passing.includes(result.checkId),
    );
    for (const result of unanswered) {
      expect([result.checkId, result.status]).toEqual([
        result.checkId,
        expect.stringMatching(/^(unknown|warn)$/),
      ]);
    }
  });

  it('are all documented in the README', () => {
    // Prettier pads table cells to line the columns up; one space will do.
    const readme = readFileSync(
      resolve(__dirname, '../../../../README.md'),
      'utf8',
    ).replace(/ {2,}/g, ' ');
    for (const check of builtInChecks) {
      expect(readme).toContain(`| \`${check.id}\` | ${check.title} |`);
    }
  });
});
