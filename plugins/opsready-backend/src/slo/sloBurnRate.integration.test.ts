import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { SloSpec } from '@opsready/plugin-opsready-node';
import { DEFAULT_METRICS } from '../config/readPrometheusConfig';
import { createTestEventsService } from '../__testUtils__/eventsService';
import { testPluginDatabase } from '../__testUtils__/testDatabases';
import { TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseSloStatusStore } from '../database/DatabaseSloStatusStore';
import { SloFactProvider } from '../facts/SloFactProvider';
import { PrometheusClient } from '../prometheus/PrometheusClient';
import {
  backfill,
  BackfillSample,
  preparePrometheus,
  RealPrometheus,
} from '../prometheus/__testUtils__/realPrometheus';
import { BurnRateErrors, SLO_ERROR_SOURCE } from './burnRateErrors';
import { SloService } from './SloService';
import { BurnRateHistoryReader } from './burnRateHistory';

jest.setTimeout(120_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3'],
  disableDocker: true,
});

const MINUTE = 60_000;
// The last sample, on a whole minute, a little in the past.
const end = new Date(Math.floor(Date.now() / MINUTE) * MINUTE - 5 * MINUTE);
const REQUESTS_PER_MINUTE = 10_000;
const QUIET_MINUTES = 120; // one error a minute: 0.1× a 99.9 % budget
const BURNING_MINUTES = 65; // then the errors of each job below
// 144 of 10 000 is 1.44 %: 14.4 times the 0.1 % a 99.9 % objective allows.
const ERRORS_PER_MINUTE = { burning: 144, nearly: 140 };

const spec: SloSpec = {
  availability: { target: 0.999, windowDays: 28 },
  declaredBy: 'annotation',
};
const entity = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: { 'prometheus.io/selector': `job="${name}"` },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
});

describe('burn-rate alerts from a real Prometheus', () => {
  let prometheus: RealPrometheus;

  beforeAll(async () => {
    const prepared = await preparePrometheus();
    const samples: BackfillSample[] = [];
    const minutes = QUIET_MINUTES + BURNING_MINUTES;
    for (const [job, burningErrors] of Object.entries(ERRORS_PER_MINUTE)) {
      const ok = `http_requests_total{job="${job}",code="200"}`;
      const failed = `http_requests_total{job="${job}",code="500"}`;
      const totals = { ok: 0, failed: 0 };
      // Both series from the first sample on, at the same times: the
      // extrapolation of rate() scales errors and requests alike.
      for (let i = 0; i <= minutes; i++) {
        if (i > 0) {
          const errors = i > QUIET_MINUTES ? burningErrors : 1;
          totals.ok += REQUESTS_PER_MINUTE - errors;
          totals.failed += errors;
        }
        const at = new Date(end.getTime() - (minutes - i) * MINUTE);
        samples.push({ series: ok, value: totals.ok, at });
        samples.push({ series: failed, value: totals.failed, at });
      }
    }
    await backfill(prepared.dataDir, samples);
    prometheus = await prepared.start({});
  });
  afterAll(() => prometheus?.stop());

  it('pages at exactly 14.4× over 1 h and 5 min, opening a critical error, and not at 14×', async () => {
    const knex = await databases.init('SQLITE_3');
    const { events, stores, published } = await createTestEventsService(knex);
    const store = await DatabaseSloStatusStore.create({
      database: testPluginDatabase(knex),
    });
    const service = new SloService({
      store,
      errors: new BurnRateErrors({ ingest: events, environment: 'production' }),
      logger: mockServices.logger.mock(),
    });
    const provider = new SloFactProvider({
      specOf: () => ({ spec, problems: [] }),
      prometheus: {
        client: new PrometheusClient(
          [{ name: 'main', url: prometheus.url, headers: {}, timeoutMs: 5000 }],
          { concurrency: 4 },
        ),
        metrics: DEFAULT_METRICS,
      },
      now: () => end,
      onMeasured: service.onMeasured,
    });

    await provider.gather([entity('burning'), entity('nearly')]);

    // Three hours of history: the 3-day and 6-hour windows burn too, so
    // the ticket rule fires for both; only the page rule tells them apart.
    const pages = (alerts: Array<{ severity: string }> = []) =>
      alerts.filter(a => a.severity === 'page');
    const burning = await store.getStatus('component:default/burning');
    expect(burning?.burnRate1h).toBe(14.4);
    expect(pages(burning?.alerts)).toEqual([
      expect.objectContaining({
        factor: 14.4,
        windows: { long: '1h', short: '5m' },
        burnRates: { long: 14.4, short: 14.4 },
      }),
    ]);
    const nearly = await store.getStatus('component:default/nearly');
    expect(nearly?.burnRate1h).toBe(14);
    expect(pages(nearly?.alerts)).toEqual([]);

    const errorsOf = async (name: string) =>
      (
        await stores.errors.listErrors(
          `component:default/${name}`,
          {},
          { limit: 10 },
        )
      ).items
        .filter(e => e.source === SLO_ERROR_SOURCE)
        .map(e => [e.severity, e.status, e.occurredAt, e.code]);
    const at = end.toISOString();
    expect((await errorsOf('burning')).sort()).toEqual([
      ['critical', 'open', at, 'SLO_BURN_RATE'],
      ['medium', 'open', at, 'SLO_BURN_RATE'],
    ]);
    expect(await errorsOf('nearly')).toEqual([
      ['medium', 'open', at, 'SLO_BURN_RATE'],
    ]);
    expect(published.filter(e => e.type === 'error.opened')).toEqual([
      expect.objectContaining({
        entityRef: 'component:default/burning',
        severity: 'critical',
      }),
    ]);
  });

  it('reads the burn rate over time with a range query', async () => {
    const reader = new BurnRateHistoryReader({
      prometheus: {
        client: new PrometheusClient(
          [{ name: 'main', url: prometheus.url, headers: {}, timeoutMs: 5000 }],
          { concurrency: 4 },
        ),
        metrics: DEFAULT_METRICS,
      },
      health: { getEndpoints: async () => [], getRollups: async () => [] },
    });
    const { history, problems } = await reader.read(
      entity('burning'),
      spec.availability,
      { from: new Date(end.getTime() - 2 * 3600_000), to: end },
    );
    expect(problems).toEqual([]);
    expect(history.source).toBe('prometheus');
    expect(history.query).toContain('job="burning"');
    // Two hours at a step of one minute: 121 points, the first over the
    // quiet hour, the last over the burning one.
    expect(history.points).toHaveLength(121);
    expect(history.points[0].burnRate).toBeCloseTo(0.1, 9);
    expect(history.points[120]).toEqual({
      at: end.toISOString(),
      burnRate: 14.4,
    });
  });
});
