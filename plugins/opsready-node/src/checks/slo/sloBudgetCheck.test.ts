import { SloFacts, SloSpec } from '../../slo/types';
import { sloBudgetCheck } from './sloBudgetCheck';
import { component, evaluate, measured } from './testFacts';

const spec: SloSpec = {
  availability: { target: 0.999, windowDays: 28 },
  latency: { percentile: 95, thresholdMs: 200, windowDays: 28 },
  declaredBy: 'annotation',
};

function judge(slo: SloFacts) {
  return evaluate(sloBudgetCheck, slo);
}

describe('slo.budget-remaining', () => {
  it('passes a healthy budget, with what it rests on', () => {
    expect(
      judge({
        spec,
        sli: measured(
          { slo: 0.0002, '5m': 0.0001, '1h': 0.0002, '3d': 0.0003 },
          { latencyMs: 150.2 },
        ),
      }),
    ).toEqual({
      status: 'pass',
      message:
        '80 % of the error budget over 28 days is left (0.02 % of requests failed; the 99.9 % objective allows 0.1 %). p95 latency is 151 ms, within the 200 ms objective.',
      evidence: {
        target: 0.999,
        windowDays: 28,
        errorRatio: 0.0002,
        budget: { allowed: 0.001, consumed: 0.2, remaining: 0.8 },
        burnRates: { '5m': 0.1, '1h': 0.2, '3d': 0.3 },
        alerts: [],
        latency: { percentile: 95, thresholdMs: 200, measuredMs: 150.2 },
        source: 'prometheus',
        queries: [
          'sum(rate(http_requests_total{job="cart",code=~"5.."}[28d]))',
        ],
        measuredAt: '2026-11-22T12:00:00Z',
      },
    });
  });

  it('fails an exhausted budget', () => {
    expect(judge({ spec, sli: measured({ slo: 0.0015 }) })).toMatchObject({
      status: 'fail',
      message:
        'The error budget over 28 days is exhausted: 0.15 % of requests failed where the 99.9 % objective allows 0.1 % (150 % of the budget used).',
    });
  });

  it('fails exactly when the budget reaches 0', () => {
    expect(judge({ spec, sli: measured({ slo: 0.001 }) }).status).toBe('fail');
  });

  it('fails when a page fires, however much budget is left', () => {
    const outcome = judge({
      spec,
      sli: measured({ slo: 0.0001, '1h': 0.0144, '5m': 0.02 }),
    });
    expect(outcome.status).toBe('fail');
    expect(outcome.message).toContain(
      'Page: the error budget burns 14.4× the sustainable rate over 1h and 20× over 5m (at least 14.4× over both).',
    );
    expect(outcome.evidence?.alerts).toEqual([
      {
        severity: 'page',
        factor: 14.4,
        windows: { long: '1h', short: '5m' },
        burnRates: { long: 14.4, short: 20 },
      },
    ]);
  });

  it('does not page just below the factor', () => {
    expect(
      judge({ spec, sli: measured({ slo: 0.0001, '1h': 0.01439, '5m': 0.02 }) })
        .status,
    ).toBe('pass');
  });

  it('warns on a ticket', () => {
    const outcome = judge({
      spec,
      sli: measured({ slo: 0.0001, '3d': 0.001, '6h': 0.002 }),
    });
    expect(outcome.status).toBe('warn');
    expect(outcome.message).toContain('Ticket: the error budget burns 1×');
  });

  it('warns below a quarter of the budget left, not at a quarter', () => {
    expect(judge({ spec, sli: measured({ slo: 0.00076 }) })).toMatchObject({
      status: 'warn',
      message:
        '24 % of the error budget over 28 days is left (0.076 % of requests failed; the 99.9 % objective allows 0.1 %).',
    });
    expect(judge({ spec, sli: measured({ slo: 0.00075 }) }).status).toBe(
      'pass',
    );
  });

  it('warns when the latency is above its objective, and says so', () => {
    expect(
      judge({ spec, sli: measured({ slo: 0 }, { latencyMs: 200.4 }) }),
    ).toMatchObject({
      status: 'warn',
      message:
        '100 % of the error budget over 28 days is left (0 % of requests failed; the 99.9 % objective allows 0.1 %). p95 latency is 201 ms, above the 200 ms objective.',
    });
  });

  it('judges a latency objective alone', () => {
    const latencyOnly: SloSpec = {
      latency: { percentile: 99, thresholdMs: 500, windowDays: 28 },
      declaredBy: 'defaults',
    };
    expect(
      judge({ spec: latencyOnly, sli: measured({}, { latencyMs: 320 }) }),
    ).toMatchObject({
      status: 'pass',
      message: 'p99 latency is 320 ms, within the 500 ms objective.',
    });
    expect(
      judge({ spec: latencyOnly, sli: measured({}, { latencyMs: 700 }) })
        .status,
    ).toBe('warn');
    expect(judge({ spec: latencyOnly, sli: measured({}) }).status).toBe(
      'unknown',
    );
  });

  it('is unknown when nothing was measured, and says why', () => {
    expect(
      judge({
        spec,
        problems: ['Prometheus default did not answer: timed out after 5 s'],
      }),
    ).toEqual({
      status: 'unknown',
      message:
        'The service level was not measured: Prometheus default did not answer: timed out after 5 s.',
      evidence: {
        problems: ['Prometheus default did not answer: timed out after 5 s'],
      },
    });
  });

  it('is pending while the SLO facts, gathered without a problem, hold no measurement yet', () => {
    expect(judge({ spec })).toEqual({
      status: 'pending',
      message:
        'Waiting for the first measurement: nothing has been measured of this service yet, so its error budget is not known.',
    });
  });

  it('is unknown without traffic', () => {
    expect(
      judge({ spec, sli: measured({ slo: 0 }, { events: 0 }) }),
    ).toMatchObject({
      status: 'unknown',
      message:
        'No traffic was measured over the SLO window (0 events, prometheus), so the error budget cannot be judged.',
    });
  });

  it('is unknown without a ratio over the SLO window', () => {
    expect(judge({ spec, sli: measured({ '5m': 0.5 }) }).status).toBe(
      'unknown',
    );
  });

  it('reads the objectives from the annotations when no SLO facts were gathered', () => {
    expect(
      evaluate(sloBudgetCheck, undefined, {
        entity: component({ 'opsready.io/slo-availability': '99.9%' }),
      }),
    ).toEqual({
      status: 'unknown',
      message:
        'The service level was not measured: no Prometheus series and no probes of the service were available.',
    });
  });

  it('is unknown when the annotations have mistakes', () => {
    expect(
      evaluate(sloBudgetCheck, undefined, {
        entity: component({ 'opsready.io/slo-window': 'forever' }),
      }).status,
    ).toBe('unknown');
  });

  it('does not apply when no objective does', () => {
    expect(evaluate(sloBudgetCheck, undefined).status).toBe('not-applicable');
  });
});
