import { DEFAULT_METRICS } from '../config/readPrometheusConfig';
import { SloSpec } from '@opsready/plugin-opsready-node';
import {
  Rollup,
  StoredEndpoint,
  StoredTransition,
} from '../database/HealthStore';
import { LATENCY_BUCKETS_MS } from '../health/latencyHistogram';
import { PrometheusQuerier } from './PrometheusClient';
import { measureFromProbes } from './measureFromProbes';
import { measureFromPrometheus } from './measureFromPrometheus';

const metrics = DEFAULT_METRICS;
const spec: SloSpec = {
  availability: { target: 0.999, windowDays: 28 },
  latency: { percentile: 95, thresholdMs: 200, windowDays: 28 },
  declaredBy: 'annotation',
};
const now = new Date('2026-03-02T12:30:00Z');

function fakeQuerier(answers: (q: string) => number | undefined) {
  const asked: Array<{ q: string; time?: Date }> = [];
  const querier: PrometheusQuerier = {
    defaultServer: 'main',
    hasServer: name => name === 'main',
    query: async (_server, q, time) => {
      asked.push({ q, time });
      return answers(q);
    },
  };
  return { querier, asked };
}

describe('measureFromPrometheus', () => {
  it('measures every window, the events and the latency at one instant', async () => {
    const { querier, asked } = fakeQuerier(q => {
      if (q.startsWith('histogram_quantile')) return 0.1834;
      if (q.startsWith('sum(increase')) return 120000;
      if (q.includes('[5m]')) return undefined; // no traffic lately
      return q.includes('[28d]') ? 0.0005 : 0.002;
    });
    const sli = await measureFromPrometheus({
      client: querier,
      server: 'main',
      selector: 'job="checkout"',
      spec,
      metrics,
      now,
    });
    expect(sli).toEqual({
      source: 'prometheus',
      queries: expect.arrayContaining([
        'sum(rate(http_requests_total{job="checkout",code=~"5.."}[28d])) / sum(rate(http_requests_total{job="checkout"}[28d]))',
        'sum(increase(http_requests_total{job="checkout"}[28d]))',
        'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{job="checkout"}[28d])))',
      ]),
      errorRatios: {
        slo: 0.0005,
        '30m': 0.002,
        '1h': 0.002,
        '6h': 0.002,
        '3d': 0.002,
      },
      events: 120000,
      latencyMs: 183.4,
      measuredAt: now.toISOString(),
    });
    expect(sli.queries).toHaveLength(8);
    expect(asked.every(a => a.time === now)).toBe(true);
  });

  it('counts no series as no events, and asks no latency without a latency objective', async () => {
    const { querier, asked } = fakeQuerier(() => undefined);
    const sli = await measureFromPrometheus({
      client: querier,
      server: 'main',
      selector: 'job="new"',
      spec: {
        availability: { target: 0.99, windowDays: 7 },
        declaredBy: 'defaults',
      },
      metrics,
      now,
    });
    expect(sli.events).toBe(0);
    expect(sli.errorRatios).toEqual({});
    expect(sli.latencyMs).toBeUndefined();
    expect(asked.some(a => a.q.includes('[7d]'))).toBe(true);
    expect(asked.some(a => a.q.startsWith('histogram_quantile'))).toBe(false);
  });
});

const HOUR = 3600_000;
const histogram = (atMs: number, n: number) =>
  LATENCY_BUCKETS_MS.map(edge => (edge === atMs ? n : 0));
const rollup = (
  environment: string,
  hoursAgo: number,
  probes: number,
  failures: number,
  latency = 50,
): Rollup => ({
  environment,
  bucket: 'hour',
  bucketStart: new Date(
    Math.floor((now.getTime() - hoursAgo * HOUR) / HOUR) * HOUR,
  ),
  probes,
  failures,
  histogram: histogram(latency, probes - failures),
  unanswered: { refused: 0, failedToConnect: 0, timedOut: failures },
});
const endpoint = (
  environment: string,
  url: string,
  status: 'up' | 'down' = 'up',
) =>
  ({
    entityRef: 'component:default/x',
    environment,
    url,
    state: {
      status,
      consecutiveSuccesses: 0,
      consecutiveFailures: 0,
      recentTransitions: [],
      flapping: false,
    },
  } as StoredEndpoint);

describe('measureFromProbes', () => {
  const store = (
    endpoints: StoredEndpoint[],
    rollups: Rollup[],
    transitions: StoredTransition[] = [],
  ) => ({
    getTransitions: async (_ref: string, range: { from: Date; to: Date }) =>
      transitions.filter(
        t =>
          Date.parse(t.at) >= range.from.getTime() &&
          Date.parse(t.at) <= range.to.getTime(),
      ),
    getEndpoints: async () => endpoints,
    getRollups: async (_ref: string, range: { from: Date; to: Date }) =>
      rollups.filter(
        r => r.bucketStart.getTime() + HOUR > range.from.getTime(),
      ),
  });

  it('counts failed production probes as bad events per window of an hour or more', async () => {
    const sli = await measureFromProbes({
      store: store(
        [
          endpoint('production', 'https://checkout/health'),
          endpoint('staging', 'https://staging/health'),
        ],
        [
          rollup('production', 0, 30, 3), // this hour
          rollup('production', 2, 60, 0),
          rollup('production', 24 * 5, 60, 6, 500),
          rollup('staging', 0, 30, 30), // not production: left out
        ],
      ),
      entityRef: 'component:default/checkout',
      spec,
      now,
    });
    expect(sli).toEqual({
      source: 'probes',
      queries: ['production: https://checkout/health'],
      errorRatios: {
        // Up now and through the last half hour: nothing down.
        '5m': 0,
        '30m': 0,
        '1h': 3 / 30,
        '6h': 3 / 90,
        '3d': 3 / 90,
        slo: 9 / 150,
      },
      events: 150,
      latencyMs: 500,
      measuredAt: now.toISOString(),
    });
  });

  it('measures 5 and 30 minutes by the time the endpoints spent down, so an outage pages', async () => {
    const minutesAgo = (m: number) =>
      new Date(now.getTime() - m * 60_000).toISOString();
    const sli = await measureFromProbes({
      store: store(
        [endpoint('production', 'https://pay/health', 'down')],
        [rollup('production', 0, 30, 30)],
        [
          {
            environment: 'production',
            from: 'up',
            to: 'down',
            at: minutesAgo(12),
          },
        ],
      ),
      entityRef: 'component:default/pay',
      spec,
      now,
    });
    expect(sli?.errorRatios['5m']).toBe(1);
    expect(sli?.errorRatios['30m']).toBeCloseTo(12 / 30);
    expect(sli?.errorRatios['1h']).toBe(1);
  });

  it('leaves out probes the prober refused to send: they say nothing of the service', async () => {
    const refusedOnly: Rollup = {
      ...rollup('production', 0, 30, 30),
      unanswered: { refused: 30, failedToConnect: 0, timedOut: 0 },
    };
    const partly: Rollup = {
      ...rollup('production', 2, 60, 12),
      unanswered: { refused: 10, failedToConnect: 0, timedOut: 2 },
    };
    const sli = await measureFromProbes({
      store: store(
        [endpoint('production', 'http://127.0.0.1:7115/healthz')],
        [refusedOnly, partly],
      ),
      entityRef: 'component:default/billing',
      spec,
      now,
    });
    // This hour: nothing sent, no verdict; over 6 h: 2 bad of 50 sent.
    expect(sli?.errorRatios['1h']).toBeUndefined();
    expect(sli?.errorRatios['6h']).toBeCloseTo(2 / 50);
    expect(sli?.events).toBe(50);
  });

  it('uses every environment where none is production, and nothing without endpoints', async () => {
    const sli = await measureFromProbes({
      store: store(
        [endpoint('staging', 'https://staging/health')],
        [rollup('staging', 0, 10, 1)],
      ),
      entityRef: 'component:default/x',
      spec: undefined,
      now,
    });
    expect(sli?.errorRatios.slo).toBeCloseTo(0.1);
    expect(sli?.latencyMs).toBeUndefined();
    await expect(
      measureFromProbes({
        store: store([], []),
        entityRef: 'component:default/x',
        spec,
        now,
      }),
    ).resolves.toBeUndefined();
  });
});
