import { catalogChecks } from './catalog';
import { deliveryChecks } from './delivery';
import { healthChecks } from './health';
import { observabilityChecks } from './observability';
import { repositoryChecks } from './repository';
import { CheckDefinition } from './types';

describe.each<[string, CheckDefinition[], string[]]>([
  [
    'catalog',
    catalogChecks,
    [
      'catalog.owner',
      'catalog.description',
      'catalog.system',
      'catalog.lifecycle',
      'catalog.docs',
      'catalog.dependencies',
      'catalog.provided-apis',
    ],
  ],
  [
    'delivery',
    deliveryChecks,
    ['delivery.recent-deployment', 'delivery.no-stale-critical-errors'],
  ],
  [
    'health',
    healthChecks,
    ['health.endpoint-declared', 'health.uptime', 'health.latency'],
  ],
  [
    'observability',
    observabilityChecks,
    [
      'observability.metrics',
      'observability.structured-logging',
      'observability.alerts',
    ],
  ],
  [
    'repository',
    repositoryChecks,
    [
      'repository.dockerfile',
      'repository.ci',
      'repository.readme',
      'repository.codeowners',
    ],
  ],
])('the %s checks', (category, checks, ids) => {
  it(`lists every ${category} check once, in its category, for components`, () => {
    expect(checks.map(check => check.id)).toEqual(ids);
    for (const check of checks) {
      expect(check.category).toBe(category);
      expect(check.appliesTo).toEqual({ kinds: ['Component'] });
      expect(check.weight).toBeGreaterThan(0);
      expect(check.remediation.length).toBeGreaterThan(20);
    }
  });
});
