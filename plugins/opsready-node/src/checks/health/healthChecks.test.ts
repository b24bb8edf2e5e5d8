import { healthChecks } from '.';

describe('the health checks', () => {
  it('lists every health check once, for components', () => {
    expect(healthChecks.map(check => check.id)).toEqual([
      'health.endpoint-declared',
      'health.uptime',
      'health.latency',
    ]);
    for (const check of healthChecks) {
      expect(check.category).toBe('health');
      expect(check.appliesTo).toEqual({ kinds: ['Component'] });
      expect(check.weight).toBeGreaterThan(0);
    }
  });
});
