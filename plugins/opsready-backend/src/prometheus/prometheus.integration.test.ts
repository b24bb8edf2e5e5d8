import { Entity } from '@backstage/catalog-model';
import { SloSpec } from '@opsready/plugin-opsready-node';
import { createServer, Server } from 'http';
import { AddressInfo } from 'net';
import { Counter, Registry } from 'prom-client';
import { SloFactProvider } from '../facts/SloFactProvider';
import {
  PrometheusClient,
  PrometheusUnavailableError,
} from './PrometheusClient';
import {
  BackfillSample,
  backfill,
  preparePrometheus,
  RealPrometheus,
} from './__testUtils__/realPrometheus';
import { measureFromPrometheus } from './measureFromPrometheus';

jest.setTimeout(90_000);

const metrics = {
  requests: 'http_requests_total',
  duration: 'http_request_duration_seconds',
  errorCode: '5..',
};
const clientFor = (prometheus: RealPrometheus) =>
  new PrometheusClient(
    [{ name: 'main', url: prometheus.url, headers: {}, timeoutMs: 5000 }],
    { concurrency: 4 },
  );

async function until<T>(
  what: string,
  read: () => Promise<T>,
  done: (value: T) => boolean,
): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await read();
    if (done(value)) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`${what} did not happen within 30 s (last: ${value})`);
    }
    await new Promise(r => setTimeout(r, 250));
  }
}

describe('SLIs from a real Prometheus', () => {
  it('measures the error ratio of a service it scrapes', async () => {
    // The golden template's counter, served as the template serves it.
    const registry = new Registry();
    const requests = new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests',
      labelNames: ['method', 'route', 'code'] as const,
      registers: [registry],
    });
    // Both series exist from the first scrape on, at 0: a counter's first
    // sample is not counted as an increase, and both series then have the
    // same sample times, so rate()'s extrapolation scales the errors and
    // all requests alike and the ratio comes out exact.
    requests.inc({ method: 'GET', route: '/', code: '200' }, 0);
    requests.inc({ method: 'GET', route: '/', code: '500' }, 0);
    const service: Server = createServer(async (req, res) => {
      if (req.url === '/metrics') {
        res.setHeader('content-type', registry.contentType);
        res.end(await registry.metrics());
        return;
      }
      const code = req.url === '/fail' ? 500 : 200;
      requests.inc({ method: 'GET', route: '/', code: String(code) });
      res.statusCode = code;
      res.end();
    });
    await new Promise<void>(r => service.listen(0, '127.0.0.1', r));
    const servicePort = (service.address() as AddressInfo).port;
    const prepared = await preparePrometheus();
    const prometheus = await prepared.start({
      scrapeTargets: [`127.0.0.1:${servicePort}`],
      scrapeIntervalSeconds: 1,
    });
    try {
      const client = clientFor(prometheus);
      await until(
        'Three scrapes of the service at 0',
        () =>
          client.query(
            'main',
            'min(count_over_time(http_requests_total{job="svc"}[1m]))',
          ),
        n => (n ?? 0) >= 3,
      );
      const N = 40;
      const M = 6;
      for (let i = 0; i < N; i++) {
        await fetch(`http://127.0.0.1:${servicePort}/${i < M ? 'fail' : 'ok'}`);
      }
      await until(
        `A scrape with all ${N} requests`,
        () => client.query('main', 'sum(http_requests_total{job="svc"})'),
        n => n === N,
      );
      const sli = await measureFromPrometheus({
        client,
        server: 'main',
        selector: 'job="svc"',
        spec: undefined,
        metrics,
      });
      expect(sli.source).toBe('prometheus');
      expect(sli.errorRatios['5m']).toBeCloseTo(M / N, 9);
      expect(sli.errorRatios.slo).toBeCloseTo(M / N, 9);
      // increase() extrapolates to the end of the window, by at most 1.1
      // scrape intervals of the slope.
      expect(sli.events).toBeGreaterThanOrEqual(N);
      expect(sli.events).toBeLessThan(N * 1.5);
    } finally {
      await prometheus.stop();
      service.closeAllConnections();
      await new Promise(r => service.close(r));
    }
  });

  describe('with three days of history', () => {
    const MINUTE = 60_000;
    // The last sample, on a whole minute, a little in the past.
    const end = new Date(Math.floor(Date.now() / MINUTE) * MINUTE - 5 * MINUTE);
    const quietMinutes = 3 * 24 * 60; // 0.1 % errors
    const burningMinutes = 60; // then 2 %
    const spec: SloSpec = {
      availability: { target: 0.999, windowDays: 28 },
      latency: { percentile: 95, thresholdMs: 200, windowDays: 28 },
      declaredBy: 'annotation',
    };
    let prometheus: RealPrometheus;

    beforeAll(async () => {
      const prepared = await preparePrometheus();
      // 1000 requests a minute: 900 within 100 ms, all within 250 ms.
      const series = {
        ok: 'http_requests_total{job="billing",code="200"}',
        failed: 'http_requests_total{job="billing",code="500"}',
        le01: 'http_request_duration_seconds_bucket{job="billing",le="0.1"}',
        le025: 'http_request_duration_seconds_bucket{job="billing",le="0.25"}',
        inf: 'http_request_duration_seconds_bucket{job="billing",le="+Inf"}',
      };
      const samples: BackfillSample[] = [];
      const totals = { ok: 0, failed: 0, le01: 0, le025: 0, inf: 0 };
      const minutes = quietMinutes + burningMinutes;
      for (let i = 0; i <= minutes; i++) {
        if (i > 0) {
          const errors = i > quietMinutes ? 20 : 1;
          totals.ok += 1000 - errors;
          totals.failed += errors;
          totals.le01 += 900;
          totals.le025 += 1000;
          totals.inf += 1000;
        }
        const at = new Date(end.getTime() - (minutes - i) * MINUTE);
        for (const key of Object.keys(series) as Array<keyof typeof series>) {
          samples.push({ series: series[key], value: totals[key], at });
        }
      }
      await backfill(prepared.dataDir, samples);
      prometheus = await prepared.start({});
    });
    afterAll(() => prometheus?.stop());

    it('measures every window as the history was made', async () => {
      const sli = await measureFromPrometheus({
        client: clientFor(prometheus),
        server: 'main',
        selector: 'job="billing"',
        spec,
        metrics,
        now: end,
      });
      const expected = {
        '5m': 0.02,
        '30m': 0.02,
        '1h': 0.02,
        '6h': (300 * 1 + 60 * 20) / (360 * 1000),
        '3d': ((quietMinutes - 60) * 1 + 60 * 20) / (quietMinutes * 1000),
        slo: (quietMinutes * 1 + 60 * 20) / ((quietMinutes + 60) * 1000),
      };
      for (const [window, ratio] of Object.entries(expected)) {
        const measured = sli.errorRatios[window as keyof typeof expected];
        expect({ window, ratio: measured! / ratio }).toEqual({
          window,
          ratio: expect.closeTo(1, 6),
        });
      }
      expect(sli.events).toBeCloseTo((quietMinutes + 60) * 1000, 3);
      // Linear within the bucket (0.1 s, 0.25 s]: 0.1 + 0.15 × ½.
      expect(sli.latencyMs).toBeCloseTo(175, 6);
    });

    it('says Prometheus did not answer once it is down, and the facts have problems and no SLI', async () => {
      const client = clientFor(prometheus);
      await expect(client.query('main', 'vector(1)')).resolves.toBe(1);
      await prometheus.stop();
      const error = await client.query('main', 'vector(1)').catch(e => e);
      expect(error).toBeInstanceOf(PrometheusUnavailableError);
      expect(error.message).toMatch(
        /^Prometheus main did not answer: fetch failed \(ECONNREFUSED\)$/,
      );
      const entity: Entity = {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: 'billing',
          annotations: { 'prometheus.io/selector': 'job="billing"' },
        },
        spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
      };
      const facts = await new SloFactProvider({
        specOf: () => ({ spec, problems: [] }),
        prometheus: { client, metrics },
      }).gather([entity]);
      expect(facts.get('component:default/billing')).toEqual({
        slo: { spec, problems: [error.message] },
      });
    });
  });
});
