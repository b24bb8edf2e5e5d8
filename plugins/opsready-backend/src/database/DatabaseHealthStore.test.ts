import { TestDatabaseId } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import {
  initialEndpointState,
  nextEndpointState,
} from '../health/endpointState';
import { percentile } from '../health/latencyHistogram';
import { DatabaseHealthStore } from './DatabaseHealthStore';

jest.setTimeout(60_000);

const databases = createTestDatabases();

async function createStore(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const store = await DatabaseHealthStore.create({
    database: { getClient: async () => knex, migrations: { skip: false } },
  });
  return { knex, store };
}

const cart = 'component:default/cartservice';
const url = 'http://cart.example.com/healthz';

describe.each(databases.eachSupportedId())(
  'DatabaseHealthStore (%s)',
  databaseId => {
    it('keeps the state of each endpoint, its transitions and its hourly figures', async () => {
      const { store } = await createStore(databaseId);
      let state = initialEndpointState;
      const probes = [
        { up: true, minute: 0, latencyMs: 40 },
        {
          up: false,
          minute: 1,
          latencyMs: 5000,
          reason: 'no complete answer within 5000 ms',
        },
        {
          up: false,
          minute: 2,
          latencyMs: 5000,
          reason: 'no complete answer within 5000 ms',
        },
        {
          up: false,
          minute: 3,
          latencyMs: 5000,
          reason: 'no complete answer within 5000 ms',
        },
      ];
      for (const probe of probes) {
        const at = new Date(Date.UTC(2026, 10, 22, 10, probe.minute));
        const next = nextEndpointState(state, { ...probe, at });
        state = next.state;
        await store.recordProbe({
          entityRef: cart,
          environment: 'production',
          url,
          state,
          transition: next.transition,
          probe: { ...probe, at, statusCode: probe.up ? 200 : undefined },
        });
      }

      expect(await store.getEndpoints(cart)).toEqual([
        {
          entityRef: cart,
          environment: 'production',
          url,
          state: {
            status: 'down',
            consecutiveSuccesses: 0,
            consecutiveFailures: 3,
            recentTransitions: ['2026-11-22T10:03:00.000Z'],
            flapping: false,
            since: '2026-11-22T10:03:00.000Z',
          },
          lastProbe: {
            at: '2026-11-22T10:03:00.000Z',
            latencyMs: 5000,
            reason: 'no complete answer within 5000 ms',
          },
        },
      ]);
      const day = {
        from: new Date('2026-11-22T00:00:00Z'),
        to: new Date('2026-11-23T00:00:00Z'),
      };
      expect(
        (await store.getTransitions(cart, day)).map(
          t => `${t.from}->${t.to}@${t.at}`,
        ),
      ).toEqual([
        'unknown->up@2026-11-22T10:00:00.000Z',
        'up->down@2026-11-22T10:03:00.000Z',
      ]);
      const [hour] = await store.getRollups(cart, day);
      expect(hour).toMatchObject({ bucket: 'hour', probes: 4, failures: 3 });
      expect(percentile(hour.histogram, 0.5)).toBe(5000);
    });

    it('folds hours older than 48 h into days, and deletes what is past retention', async () => {
      const { store, knex } = await createStore(databaseId);
      let state = initialEndpointState;
      for (const hour of [1, 2, 30]) {
        const at = new Date(Date.UTC(2026, 10, 1, hour, 0));
        const next = nextEndpointState(state, { up: hour !== 2, at });
        state = next.state;
        await store.recordProbe({
          entityRef: cart,
          environment: 'default',
          url,
          state,
          transition: next.transition,
          probe: { up: hour !== 2, at, latencyMs: 100 },
        });
      }
      expect(
        await store.compactHourlyRollups(new Date('2026-11-03T00:00:00Z'), 2),
      ).toBe(3);
      const rollups = await store.getRollups(cart, {
        from: new Date('2026-11-01T00:00:00Z'),
        to: new Date('2026-11-03T00:00:00Z'),
      });
      expect(
        rollups.map(r => [
          r.bucket,
          r.bucketStart.toISOString(),
          r.probes,
          r.failures,
        ]),
      ).toEqual([
        ['day', '2026-11-01T00:00:00.000Z', 2, 1],
        ['day', '2026-11-02T00:00:00.000Z', 1, 0],
      ]);

      expect(
        await store.deleteOlderThan(new Date('2026-11-02T00:00:00Z'), 1),
      ).toBeGreaterThanOrEqual(2);
      const [{ n }] = await knex('opsready_health_rollups').count({ n: '*' });
      expect(Number(n)).toBe(1);
    });

    it('drops endpoints that are no longer declared', async () => {
      const { store } = await createStore(databaseId);
      for (const environment of ['staging', 'production']) {
        await store.recordProbe({
          entityRef: cart,
          environment,
          url,
          state: { ...initialEndpointState, status: 'up' },
          probe: { up: true, at: new Date(), latencyMs: 10 },
        });
      }
      expect(
        await store.deleteEndpointsNotIn([
          { entityRef: cart, environment: 'production' },
        ]),
      ).toBe(1);
      expect((await store.getEndpoints(cart)).map(e => e.environment)).toEqual([
        'production',
      ]);
    });
  },
);
