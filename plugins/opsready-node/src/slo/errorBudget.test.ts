import { burnRateAlerts, errorBudget } from './errorBudget';

const nines3 = { target: 0.999, windowDays: 28 };

describe('errorBudget', () => {
  it('is untouched without errors', () => {
    expect(errorBudget(nines3, 0)).toEqual({
      allowed: 0.001,
      consumed: 0,
      remaining: 1,
      burnRate: 0,
    });
  });

  it('counts the share of the budget the error ratio used', () => {
    expect(errorBudget(nines3, 0.00025)).toEqual({
      allowed: 0.001,
      consumed: 0.25,
      remaining: 0.75,
      burnRate: 0.25,
    });
  });

  it('is exhausted exactly at the allowed ratio', () => {
    expect(errorBudget({ target: 0.99, windowDays: 7 }, 0.01).remaining).toBe(
      0,
    );
  });

  it('goes negative past the budget', () => {
    expect(errorBudget(nines3, 0.003)).toEqual({
      allowed: 0.001,
      consumed: 3,
      remaining: -2,
      burnRate: 3,
    });
  });
});

describe('burnRateAlerts', () => {
  // For 99.9 %, a burn rate of f is an error ratio of f / 1000.
  const ratioAt = (factor: number) => factor / 1000;

  it('fires nothing when the budget burns slowly', () => {
    expect(
      burnRateAlerts(nines3, {
        '5m': 0.0005,
        '30m': 0.0005,
        '1h': 0.0005,
        '6h': 0.0005,
        '3d': 0.0005,
      }),
    ).toEqual([]);
  });

  it.each([
    ['page', 14.4, '1h', '5m'],
    ['page', 6, '6h', '30m'],
    ['ticket', 1, '3d', '6h'],
  ] as const)(
    'fires the %s at %s× over %s and %s exactly at the threshold',
    (severity, factor, long, short) => {
      const alerts = burnRateAlerts(nines3, {
        [long]: ratioAt(factor),
        [short]: ratioAt(factor),
      });
      expect(alerts).toEqual([
        {
          severity,
          factor,
          windows: { long, short },
          burnRates: { long: factor, short: factor },
          message: `${
            severity === 'page' ? 'Page' : 'Ticket'
          }: the error budget burns ${factor}× the sustainable rate over ${long} and ${factor}× over ${short} (at least ${factor}× over both).`,
        },
      ]);
    },
  );

  it.each([
    [14.4, '1h', '5m'],
    [6, '6h', '30m'],
    [1, '3d', '6h'],
  ] as const)(
    'does not fire at %s× when either window is just below',
    (factor, long, short) => {
      const below = ratioAt(factor) * 0.999;
      expect(
        burnRateAlerts(nines3, { [long]: below, [short]: ratioAt(factor) }),
      ).toEqual([]);
      expect(
        burnRateAlerts(nines3, { [long]: ratioAt(factor), [short]: below }),
      ).toEqual([]);
    },
  );

  it('cannot fire a rule with a window that has no ratio', () => {
    expect(burnRateAlerts(nines3, { '1h': 0.5 })).toEqual([]);
  });

  it('fires every rule a fast burn meets, pages first', () => {
    const ratio = ratioAt(20);
    expect(
      burnRateAlerts(nines3, {
        '5m': ratio,
        '30m': ratio,
        '1h': ratio,
        '6h': ratio,
        '3d': ratio,
      }).map(alert => [alert.severity, alert.factor]),
    ).toEqual([
      ['page', 14.4],
      ['page', 6],
      ['ticket', 1],
    ]);
  });
});
