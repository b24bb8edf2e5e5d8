import { DEFAULT_METRICS } from '../config/readPrometheusConfig';
import { PrometheusClient } from '../prometheus/PrometheusClient';
import { withLabel } from '../prometheus/promql';
import {
  BackfillSample,
  backfill,
  preparePrometheus,
  RealPrometheus,
} from '../prometheus/__testUtils__/realPrometheus';
import { measureTriggers } from './measureTriggers';

jest.setTimeout(90_000);

const MINUTE = 60_000;
// The last sample, on a whole minute, a little in the past.
const end = new Date(Math.floor(Date.now() / MINUTE) * MINUTE - 5 * MINUTE);
const deployedAt = new Date(end.getTime() - 30 * MINUTE);
const HISTORY_MINUTES = 120;

/** Per minute: requests, errors among them, and the cumulative duration buckets. */
interface Minute {
  errors: number;
  /** Requests within 0.1 s, 0.2 s, 0.4 s; all 1000 within +Inf. */
  le: [number, number, number];
}
const REQUESTS = 1000;
// p95 is rank 950 of 1000, interpolated within its bucket.
const QUIET: Minute = { errors: 10, le: [900, 1000, 1000] }; // p95 150 ms
const services: Record<string, { environment: string; after: Minute }> = {
  // 60 errors a minute: 6 %.
  errors6: { environment: 'production', after: { ...QUIET, errors: 60 } },
  // 50 a minute: exactly 5 %.
  errors5: { environment: 'production', after: { ...QUIET, errors: 50 } },
  // 0.2 + 0.2 × (950 − 940) / 50 = 240 ms, 60 % above 150 ms.
  slower60: {
    environment: 'production',
    after: { ...QUIET, le: [900, 940, 990] },
  },
  // 0.2 + 0.2 × (950 − 948) / 40 = 210 ms, 40 % above.
  slower40: {
    environment: 'production',
    after: { ...QUIET, le: [900, 948, 988] },
  },
};
// The same job in staging burns: it must not count for production.
const staging = { job: 'errors5', after: { ...QUIET, errors: 500 } };

function history(): BackfillSample[] {
  const samples: BackfillSample[] = [];
  const series = (job: string, environment: string, after: Minute) => {
    const labels = `job="${job}",environment="${environment}"`;
    const totals = { ok: 0, failed: 0, le: [0, 0, 0], inf: 0 };
    for (let i = 0; i <= HISTORY_MINUTES; i++) {
      const at = new Date(end.getTime() - (HISTORY_MINUTES - i) * MINUTE);
      if (i > 0) {
        // The minute ending at `at` is after the deployment once at > deployedAt.
        const m = at > deployedAt ? after : QUIET;
        totals.ok += REQUESTS - m.errors;
        totals.failed += m.errors;
        m.le.forEach((n, b) => {
          totals.le[b] += n;
        });
        totals.inf += REQUESTS;
      }
      const sample = (name: string, value: number) =>
        samples.push({ series: name, value, at });
      sample(`http_requests_total{${labels},code="200"}`, totals.ok);
      sample(`http_requests_total{${labels},code="500"}`, totals.failed);
      ['0.1', '0.2', '0.4'].forEach((le, b) =>
        sample(
          `http_request_duration_seconds_bucket{${labels},le="${le}"}`,
          totals.le[b],
        ),
      );
      sample(
        `http_request_duration_seconds_bucket{${labels},le="+Inf"}`,
        totals.inf,
      );
    }
  };
  for (const [job, s] of Object.entries(services)) {
    series(job, s.environment, s.after);
  }
  series(staging.job, 'staging', staging.after);
  return samples;
}

describe('rollback triggers from a real Prometheus', () => {
  let prometheus: RealPrometheus;
  let client: PrometheusClient;

  beforeAll(async () => {
    const prepared = await preparePrometheus();
    await backfill(prepared.dataDir, history());
    prometheus = await prepared.start({});
    client = new PrometheusClient(
      [{ name: 'main', url: prometheus.url, headers: {}, timeoutMs: 5000 }],
      { concurrency: 4 },
    );
  });
  afterAll(() => prometheus?.stop());

  const measure = (job: string) =>
    measureTriggers({
      client,
      server: 'main',
      selector: withLabel(`job="${job}"`, 'environment', 'production'),
      metrics: DEFAULT_METRICS,
      version: '1.4.0',
      deployedAt,
      now: end,
      thresholds: { errorRate: 0.05, latencyIncrease: 0.5, minRequests: 20 },
    });
  const window = { from: deployedAt.toISOString(), to: end.toISOString() };

  it('fires at an error rate of 6 % since the deployment, with the figure and the window', async () => {
    const [errorRate, latency] = await measure('errors6');
    expect(errorRate).toMatchObject({
      trigger: 'error-rate',
      server: 'main',
      threshold: 0.05,
      unit: 'ratio',
      window,
      fired: true,
      message: 'Error rate 6 % since 1.4.0 was deployed, above 5 %',
    });
    expect(errorRate.after).toBeCloseTo(0.06, 9);
    // Latency as before: measured, not fired.
    expect(latency).toMatchObject({ trigger: 'latency', fired: false });
    expect(latency.before).toBeCloseTo(150, 6);
    expect(latency.after).toBeCloseTo(150, 6);
  });

  it('does not fire at exactly 5 %, whatever another environment does', async () => {
    const [errorRate] = await measure('errors5');
    expect(errorRate.after).toBeCloseTo(0.05, 9);
    expect(errorRate).toMatchObject({
      fired: false,
      message: 'Error rate 5 % since 1.4.0 was deployed, within 5 %',
    });
  });

  it('fires when p95 is 60 % above the hour before, with both figures', async () => {
    const [errorRate, latency] = await measure('slower60');
    expect(errorRate.fired).toBe(false);
    expect(errorRate.after).toBeCloseTo(0.01, 9);
    expect(latency).toMatchObject({
      trigger: 'latency',
      threshold: 0.5,
      unit: 'ms',
      window,
      fired: true,
      message:
        'p95 latency 240 ms since 1.4.0 was deployed, 60 % above the 150 ms of the hour before, more than +50 %',
    });
    expect(latency.before).toBeCloseTo(150, 6);
    expect(latency.after).toBeCloseTo(240, 6);
  });

  it('does not fire when p95 is 40 % above', async () => {
    const [, latency] = await measure('slower40');
    expect(latency.before).toBeCloseTo(150, 6);
    expect(latency.after).toBeCloseTo(210, 6);
    expect(latency.fired).toBe(false);
  });
});
