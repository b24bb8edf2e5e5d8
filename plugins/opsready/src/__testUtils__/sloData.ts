import {
  RollbackEvidence,
  SloBurning,
  SloStatus,
} from '@opsready/plugin-opsready-common';

const hoursAgo = (hours: number) =>
  new Date(Date.now() - hours * 3600_000).toISOString();

/** A page-severity alert: 14.4× over an hour and five minutes. */
export const pageAlert: SloStatus['alerts'][number] = {
  severity: 'page',
  factor: 14.4,
  windows: { long: '1h', short: '5m' },
  burnRates: { long: 16.2, short: 18 },
  message: 'Burning 16.2× the sustainable rate over 1h (and 18× over 5m)',
};

/**
 * cartservice with both objectives declared, measured from Prometheus,
 * a third of its budget left, and two deployments in the last day, the
 * later one with a rollback advised.
 */
export function sloStatus(extra: Partial<SloStatus> = {}): SloStatus {
  return {
    entityRef: 'component:default/cartservice',
    objectives: {
      declaredBy: 'annotation',
      availability: { target: 0.999, windowDays: 28 },
      latency: { percentile: 95, thresholdMs: 200, windowDays: 28 },
    },
    problems: [],
    sli: {
      source: 'prometheus',
      queries: [
        'sum(rate(http_requests_total{job="cartservice",code=~"5.."}[28d]))',
        'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{job="cartservice"}[5m])))',
      ],
      errorRatios: { slo: 0.00067, '1h': 0.0162, '5m': 0.018 },
      events: 1_250_000.4,
      latencyMs: 182,
      measuredAt: hoursAgo(0.1),
    },
    budget: { allowed: 0.001, consumed: 0.67, remaining: 0.33, burnRate: 2.4 },
    latencyMet: true,
    alerts: [],
    burnRateHistory: {
      source: 'prometheus',
      window: '1h',
      query: 'sum(rate(http_requests_total{code=~"5.."}[1h])) / 0.001',
      points: [20, 16, 12, 8, 4, 1].map((h, i) => ({
        at: hoursAgo(h),
        burnRate: [0.4, 0.6, 0.8, 3.1, 16.2, 2.4][i],
      })),
    },
    deployments: [
      {
        id: 'd1',
        version: '2.4.0',
        environment: 'production',
        status: 'succeeded',
        at: hoursAgo(14),
        rollbackAdvised: false,
      },
      {
        id: 'd2',
        version: '2.5.0',
        environment: 'production',
        status: 'succeeded',
        at: hoursAgo(6),
        rollbackAdvised: true,
      },
    ],
    ...extra,
  };
}

/** A service in the fleet's "burning fastest". */
export function burningService(extra: Partial<SloBurning> = {}): SloBurning {
  return {
    entityRef: 'component:default/cartservice',
    title: 'Cart service',
    burnRate: 16.2,
    budgetRemaining: 0.33,
    source: 'prometheus',
    measuredAt: hoursAgo(0.1),
    alerts: [pageAlert],
    ...extra,
  };
}

/** The error-rate trigger read after a deployment, fired. */
export function errorRateEvidence(
  extra: Partial<RollbackEvidence> = {},
): RollbackEvidence {
  return {
    trigger: 'error-rate',
    query:
      'sum(rate(http_requests_total{job="cartservice",code=~"5.."}[10m])) / sum(rate(http_requests_total{job="cartservice"}[10m]))',
    server: 'https://prometheus.example.com',
    before: 0.002,
    after: 0.083,
    threshold: 0.05,
    unit: 'ratio',
    window: { from: hoursAgo(1), to: hoursAgo(0.5) },
    fired: true,
    message: '8.3 % of requests failed since the deployment (threshold 5 %)',
    ...extra,
  };
}

/** The latency trigger read after a deployment, not fired. */
export function latencyEvidence(
  extra: Partial<RollbackEvidence> = {},
): RollbackEvidence {
  return {
    trigger: 'latency',
    query:
      'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{job="cartservice"}[10m])))',
    before: 180,
    after: 190,
    threshold: 0.5,
    unit: 'ms',
    window: { from: hoursAgo(1), to: hoursAgo(0.5) },
    fired: false,
    ...extra,
  };
}
