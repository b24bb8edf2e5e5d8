import { TestDatabaseId } from '@backstage/backend-test-utils';
import { mockServices } from '@backstage/backend-test-utils';
import { SliMeasurement, SloSpec } from '@opsready/plugin-opsready-node';
import { cart } from '../__testUtils__/eventInputs';
import { createTestEventsService } from '../__testUtils__/eventsService';
import {
  createTestDatabases,
  testPluginDatabase,
} from '../__testUtils__/testDatabases';
import { DatabaseSloStatusStore } from '../database/DatabaseSloStatusStore';
import {
  component,
  notifierHarness,
} from '../notifications/__testUtils__/notifierHarness';
import { BurnRateErrors, SLO_ERROR_SOURCE } from './burnRateErrors';
import { SloService } from './SloService';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const spec: SloSpec = {
  availability: { target: 0.999, windowDays: 28 },
  declaredBy: 'annotation',
};

/** A Prometheus measurement at `at` with these error ratios. */
const sli = (
  at: string,
  errorRatios: SliMeasurement['errorRatios'],
): SliMeasurement => ({
  source: 'prometheus',
  queries: ['sum(rate(http_requests_total{job="cart"}[1h]))'],
  errorRatios: { slo: 0.0005, ...errorRatios },
  events: 100_000,
  measuredAt: at,
});

// The page rule at 14.4× over 1 h and 5 min, of a 0.1 % budget.
const paging = { '1h': 0.0144, '5m': 0.0144, '6h': 0.002, '30m': 0.002 };

async function setUp(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const { events, stores, published } = await createTestEventsService(knex);
  const store = await DatabaseSloStatusStore.create({
    database: testPluginDatabase(knex),
  });
  const logger = mockServices.logger.mock();
  const service = new SloService({
    store,
    errors: new BurnRateErrors({ ingest: events, environment: 'production' }),
    logger,
  });
  const errorsOf = async () =>
    (await stores.errors.listErrors(cart, {}, { limit: 10 })).items.filter(
      e => e.source === SLO_ERROR_SOURCE,
    );
  return { service, store, events, published, errorsOf, logger };
}

describe.each(databases.eachSupportedId())('SloService (%s)', databaseId => {
  it('opens one critical error while a page rule fires, keeps it through later measurements and a failed one, and resolves it when the rule stops', async () => {
    const { service, store, published, errorsOf } = await setUp(databaseId);

    await service.onMeasured([
      {
        entityRef: cart,
        spec,
        sli: sli('2026-12-11T10:00:00.000Z', paging),
        problems: [],
      },
    ]);
    const [opened] = await errorsOf();
    expect(await errorsOf()).toHaveLength(1);
    expect(opened).toMatchObject({
      source: 'opsready-slo',
      code: 'SLO_BURN_RATE',
      category: 'performance',
      severity: 'critical',
      stage: 'runtime',
      environment: 'production',
      status: 'open',
      occurredAt: '2026-12-11T10:00:00.000Z',
      externalId: `${cart}|page|2026-12-11T10:00:00.000Z`,
      message:
        'Page: the error budget burns 14.4× the sustainable rate over 1h and 14.4× over 5m (at least 14.4× over both). SLO: 99.9 % availability over 28 days.',
    });
    expect(await store.getStatus(cart)).toMatchObject({
      burnRate1h: 14.4,
      alerts: [expect.objectContaining({ severity: 'page', factor: 14.4 })],
      budget: { allowed: 0.001, consumed: 0.5, remaining: 0.5, burnRate: 0.5 },
    });
    expect(published.filter(e => e.type === 'error.opened')).toEqual([
      expect.objectContaining({ entityRef: cart, severity: 'critical' }),
    ]);

    // Still burning, faster, and now the 6-hour page rule fires too: the
    // same error, not a second one (one outage is one page), and no second
    // notification; the status follows the measurement.
    await service.onMeasured([
      {
        entityRef: cart,
        spec,
        sli: sli('2026-12-11T10:30:00.000Z', {
          ...paging,
          '1h': 0.02,
          '5m': 0.03,
          '6h': 0.008,
          '30m': 0.02,
        }),
        problems: [],
      },
    ]);
    expect(await errorsOf()).toEqual([
      expect.objectContaining({ id: opened.id, count: 1, status: 'open' }),
    ]);
    expect(published.filter(e => e.type === 'error.opened')).toHaveLength(1);
    expect((await store.getStatus(cart))?.burnRate1h).toBe(20);
    expect(
      (await store.getStatus(cart))?.alerts.filter(a => a.severity === 'page'),
    ).toHaveLength(2);

    // Prometheus down: nothing is known, nothing changes.
    await service.onMeasured([
      {
        entityRef: cart,
        spec,
        problems: ['Prometheus main did not answer: fetch failed'],
      },
    ]);
    expect(await errorsOf()).toEqual([
      expect.objectContaining({ id: opened.id, status: 'open' }),
    ]);
    expect((await store.getStatus(cart))?.measuredAt).toBe(
      '2026-12-11T10:30:00.000Z',
    );

    // The burning stopped: resolved at that measurement, as it opened.
    await service.onMeasured([
      {
        entityRef: cart,
        spec,
        sli: sli('2026-12-11T11:00:00.000Z', { '1h': 0.001, '5m': 0 }),
        problems: [],
      },
    ]);
    expect(await errorsOf()).toEqual([
      expect.objectContaining({
        id: opened.id,
        status: 'resolved',
        resolvedAt: '2026-12-11T11:00:00.000Z',
        resolvedBy: 'opsready-slo',
        message: opened.message,
      }),
    ]);
    expect(await store.getStatus(cart)).toMatchObject({
      burnRate1h: 1,
      alerts: [],
    });

    // A new episode is a new error.
    await service.onMeasured([
      {
        entityRef: cart,
        spec,
        sli: sli('2026-12-11T12:00:00.000Z', paging),
        problems: [],
      },
    ]);
    expect((await errorsOf()).map(e => e.status).sort()).toEqual([
      'open',
      'resolved',
    ]);
  });

  it('opens a ticket as a medium error, which tells nobody, and resolves what is open once the entity has no SLO', async () => {
    const { service, store, published, errorsOf } = await setUp(databaseId);
    await service.onMeasured([
      {
        entityRef: cart,
        spec,
        sli: sli('2026-12-11T10:00:00.000Z', {
          '3d': 0.0012,
          '6h': 0.0012,
          '1h': 0.0012,
        }),
        problems: [],
      },
    ]);
    expect(await errorsOf()).toEqual([
      expect.objectContaining({
        severity: 'medium',
        externalId: `${cart}|ticket|2026-12-11T10:00:00.000Z`,
        message: expect.stringMatching(/^Ticket: the error budget burns 1\.2×/),
      }),
    ]);
    expect(published.filter(e => e.type === 'error.opened')).toEqual([]);

    await service.onMeasured([{ entityRef: cart, problems: [] }]);
    expect(await store.getStatus(cart)).toBeUndefined();
    expect(await errorsOf()).toEqual([
      expect.objectContaining({ status: 'resolved' }),
    ]);
  });
});

describe('a page, on its way to the owners', () => {
  it('reaches them through the notifications of new critical errors', async () => {
    const { service, published } = await setUp('SQLITE_3');
    await service.onMeasured([
      {
        entityRef: cart,
        spec,
        sli: sli('2026-12-11T10:00:00.000Z', paging),
        problems: [],
      },
    ]);
    const h = await notifierHarness({
      entities: [component('cartservice', ['group:default/payments'])],
    });
    await h.notifier.accept(published);
    await h.notifier.flush();
    // The owners, by the entity's ownedBy relation.
    expect(h.told()).toEqual([
      [
        ['group:default/payments'],
        expect.stringMatching(
          /^New error in cartservice \(production\): Page: the error budget burns 14\.4×/,
        ),
        expect.stringContaining(`opsready:error:${cart}:slo-burn:`),
      ],
    ]);
  });
});
