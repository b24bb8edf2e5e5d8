import { storeTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseSloStatusStore } from './DatabaseSloStatusStore';
import { StoredSloStatus } from './SloStatusStore';

jest.setTimeout(60_000);

const { databases, createStore } = storeTestDatabases(DatabaseSloStatusStore);

const ref = (name: string) => `component:default/${name}`;

function status(
  name: string,
  burnRate1h: number | undefined,
  extra: Partial<StoredSloStatus> = {},
): StoredSloStatus {
  return {
    entityRef: ref(name),
    measuredAt: '2026-12-11T10:00:00.000Z',
    source: 'prometheus',
    objectives: {
      declaredBy: 'annotation',
      availability: { target: 0.999, windowDays: 28 },
    },
    sli: {
      source: 'prometheus',
      queries: ['sum(rate(x[1h]))'],
      errorRatios:
        burnRate1h === undefined
          ? {}
          : { '1h': burnRate1h / 1000, slo: 0.0005 },
      events: 1000,
      measuredAt: '2026-12-11T10:00:00.000Z',
    },
    budget: { allowed: 0.001, consumed: 0.5, remaining: 0.5, burnRate: 0.5 },
    alerts: [],
    ...(burnRate1h === undefined ? {} : { burnRate1h }),
    problems: [],
    ...extra,
  };
}

describe.each(databases.eachSupportedId())(
  'DatabaseSloStatusStore (%s)',
  databaseId => {
    it('keeps one status per entity, the latest measurement replacing the older', async () => {
      const { store } = await createStore(databaseId);
      await store.saveStatuses([status('cart', 2)]);
      const later = status('cart', 15, {
        measuredAt: '2026-12-11T10:05:00.000Z',
        alerts: [
          {
            severity: 'page',
            factor: 14.4,
            windows: { long: '1h', short: '5m' },
            burnRates: { long: 15, short: 16 },
            message: 'Page: burning',
          },
        ],
        latencyMet: false,
        problems: ['latency not measured'],
      });
      delete later.budget;
      await store.saveStatuses([later]);

      expect(await store.getStatus(ref('cart'))).toEqual(later);
      expect(await store.getStatus(ref('other'))).toBeUndefined();
    });

    it('lists the statuses fastest burning first, above a burn rate, within the entities asked for', async () => {
      const { store } = await createStore(databaseId);
      await store.saveStatuses([
        status('slow', 0.5),
        status('idle', 0),
        status('fast', 20),
        status('quiet', undefined),
        status('medium', 3, { latencyMet: true }),
      ]);
      const names = (list: StoredSloStatus[]) =>
        list.map(s => s.entityRef.split('/')[1]);

      expect(names(await store.listByBurnRate({ limit: 10 }))).toEqual([
        'fast',
        'medium',
        'slow',
        'idle',
      ]);
      expect(
        names(await store.listByBurnRate({ limit: 10, minBurnRate: 0 })),
      ).toEqual(['fast', 'medium', 'slow']);
      expect(
        names(await store.listByBurnRate({ limit: 1, offset: 1 })),
      ).toEqual(['medium']);
      expect(
        names(
          await store.listByBurnRate({
            limit: 10,
            entityRefs: [ref('slow'), ref('medium'), ref('absent')],
          }),
        ),
      ).toEqual(['medium', 'slow']);
      expect(await store.listByBurnRate({ limit: 10, entityRefs: [] })).toEqual(
        [],
      );
      const [medium] = await store.listByBurnRate({
        limit: 1,
        entityRefs: [ref('medium')],
      });
      expect(medium).toEqual(status('medium', 3, { latencyMet: true }));
    });

    it('forgets the entities that no longer have an SLO', async () => {
      const { store } = await createStore(databaseId);
      await store.saveStatuses([status('cart', 1), status('billing', 2)]);
      expect(await store.deleteStatuses([ref('cart'), ref('absent')])).toBe(1);
      expect(await store.getStatus(ref('cart'))).toBeUndefined();
      expect(await store.getStatus(ref('billing'))).toBeDefined();
    });
  },
);
