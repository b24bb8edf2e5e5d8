import { observabilityChecks } from '.';

describe('the observability checks', () => {
  it('lists every observability check once, for components', () => {
    expect(observabilityChecks.map(check => check.id)).toEqual([
      'observability.metrics',
      'observability.structured-logging',
      'observability.alerts',
    ]);
    for (const check of observabilityChecks) {
      expect(check.category).toBe('observability');
      expect(check.appliesTo).toEqual({ kinds: ['Component'] });
      expect(check.weight).toBeGreaterThan(0);
    }
  });
});
