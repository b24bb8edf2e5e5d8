import { deliveryChecks } from '.';

describe('the delivery checks', () => {
  it('lists every delivery check once, for components', () => {
    expect(deliveryChecks.map(check => check.id)).toEqual([
      'delivery.recent-deployment',
      'delivery.no-stale-critical-errors',
    ]);
    for (const check of deliveryChecks) {
      expect(check.category).toBe('delivery');
      expect(check.appliesTo).toEqual({ kinds: ['Component'] });
      expect(check.weight).toBeGreaterThan(0);
    }
  });
});
