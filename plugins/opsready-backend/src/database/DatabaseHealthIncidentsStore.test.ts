import { storeTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseHealthIncidentsStore } from './DatabaseHealthIncidentsStore';

jest.setTimeout(60_000);

const { databases, createStore } = storeTestDatabases(
  DatabaseHealthIncidentsStore,
);

const redis = 'resource:default/redis-cart';
const cart = 'component:default/cart';
const checkout = 'component:default/checkout';
const member = (entityRef: string, downSince = '2026-12-07T10:02:00.000Z') => ({
  entityRef,
  environment: 'production',
  url: `https://${entityRef.split('/')[1]}.example.com/healthz`,
  downSince,
});

describe.each(databases.eachSupportedId())(
  'DatabaseHealthIncidentsStore (%s)',
  databaseId => {
    it('keeps an incident per root cause with the endpoints it took down', async () => {
      const { store } = await createStore(databaseId);
      const incident = await store.open(
        {
          rootRef: redis,
          environment: 'production',
          openedAt: new Date('2026-12-07T10:02:00Z'),
        },
        [member(redis), member(cart, '2026-12-07T10:03:00.000Z')],
      );
      expect(incident).toMatchObject({
        rootRef: redis,
        environment: 'production',
        openedAt: '2026-12-07T10:02:00.000Z',
        members: [member(redis), member(cart, '2026-12-07T10:03:00.000Z')],
      });

      // A member added twice is kept once.
      await store.addMembers(incident.id, [member(checkout), member(cart)]);
      const byMember = await store.openIncidentsOf([
        { entityRef: checkout, environment: 'production' },
        { entityRef: cart, environment: 'production' },
        { entityRef: cart, environment: 'staging' },
      ]);
      expect([...byMember.keys()].sort()).toEqual([
        `${cart}|production`,
        `${checkout}|production`,
      ]);
      expect(byMember.get(`${cart}|production`)!.members).toHaveLength(3);

      const byRoot = await store.openIncidentsByRoot([
        { rootRef: redis, environment: 'production' },
        { rootRef: cart, environment: 'production' },
      ]);
      expect([...byRoot.keys()]).toEqual([`${redis}|production`]);
    });

    it('lets a recovered dependant leave, and a resolved incident take no one', async () => {
      const { store } = await createStore(databaseId);
      const incident = await store.open(
        {
          rootRef: redis,
          environment: 'production',
          openedAt: new Date('2026-12-07T10:02:00Z'),
        },
        [member(redis), member(cart), member(checkout)],
      );
      await store.removeMembers([
        { entityRef: cart, environment: 'production' },
      ]);
      expect(
        (await store.get(incident.id))!.members.map(m => m.entityRef),
      ).toEqual([checkout, redis]);

      await store.resolve(incident.id, new Date('2026-12-07T10:14:00Z'));
      expect(await store.get(incident.id)).toMatchObject({
        resolvedAt: '2026-12-07T10:14:00.000Z',
        members: [],
      });
      expect(
        (
          await store.openIncidentsOf([
            { entityRef: checkout, environment: 'production' },
          ])
        ).size,
      ).toBe(0);
      expect(
        (
          await store.openIncidentsByRoot([
            { rootRef: redis, environment: 'production' },
          ])
        ).size,
      ).toBe(0);

      // The next outage of the same root cause is a new incident.
      const next = await store.open(
        {
          rootRef: redis,
          environment: 'production',
          openedAt: new Date('2026-12-07T11:00:00Z'),
        },
        [member(redis, '2026-12-07T11:00:00.000Z')],
      );
      expect(next.id).not.toBe(incident.id);
    });

    it('takes an endpoint as an entity in one environment, never an entity in any', async () => {
      const { store } = await createStore(databaseId);
      const at = (entityRef: string, environment: string) => ({
        ...member(entityRef),
        environment,
      });
      const production = await store.open(
        {
          rootRef: redis,
          environment: 'production',
          openedAt: new Date('2026-12-07T10:02:00Z'),
        },
        [at(redis, 'production'), at(cart, 'production')],
      );
      const staging = await store.open(
        {
          rootRef: redis,
          environment: 'staging',
          openedAt: new Date('2026-12-07T10:02:00Z'),
        },
        [at(redis, 'staging'), at(cart, 'staging'), at(checkout, 'staging')],
      );
      // cart in production and checkout in staging, asked together, are
      // not cart in staging.
      const asked = [
        { entityRef: cart, environment: 'production' },
        { entityRef: checkout, environment: 'staging' },
      ];
      const found = await store.openIncidentsOf(asked);
      expect(
        [...found].map(([key, incident]) => [key, incident.id]).sort(),
      ).toEqual([
        [`${cart}|production`, production.id],
        [`${checkout}|staging`, staging.id],
      ]);
      const byRoot = await store.openIncidentsByRoot([
        { rootRef: redis, environment: 'staging' },
        { rootRef: cart, environment: 'production' },
      ]);
      expect([...byRoot.keys()]).toEqual([`${redis}|staging`]);

      await store.removeMembers(asked);
      expect(
        (await store.get(production.id))!.members.map(m => m.entityRef),
      ).toEqual([redis]);
      expect(
        (await store.get(staging.id))!.members.map(m => m.entityRef),
      ).toEqual([cart, redis]);
    });

    it('opens and resolves many root causes at once, each with its members and times', async () => {
      const { store } = await createStore(databaseId);
      const services = Array.from(
        { length: 250 },
        (_, i) => `component:default/svc-${i}`,
      );
      const openings = services.map((ref, i) => ({
        rootRef: ref,
        environment: i % 2 ? 'staging' : 'production',
        openedAt: new Date(Date.UTC(2026, 11, 7, 10, 0, i)),
        members: [
          { ...member(ref), environment: i % 2 ? 'staging' : 'production' },
        ],
      }));
      const opened = await store.openMany(openings);
      expect(opened.map(i => [i.rootRef, i.environment])).toEqual(
        openings.map(o => [o.rootRef, o.environment]),
      );
      expect(opened[249]).toMatchObject({
        openedAt: '2026-12-07T10:04:09.000Z',
        members: [{ entityRef: services[249], environment: 'staging' }],
      });
      expect(new Set(opened.map(i => i.id)).size).toBe(250);

      await store.resolveMany(
        opened.slice(0, 200).map((incident, i) => ({
          incidentId: incident.id,
          at: new Date(Date.UTC(2026, 11, 7, 11, 0, i)),
        })),
      );
      expect(await store.get(opened[199].id)).toMatchObject({
        resolvedAt: '2026-12-07T11:03:19.000Z',
        members: [],
      });
      const stillOpen = await store.openIncidentsByRoot(openings);
      expect([...stillOpen.values()].map(i => i.rootRef).sort()).toEqual(
        services.slice(200).sort(),
      );
      expect((await store.get(opened[200].id))!.members).toHaveLength(1);
    });

    it('refuses to open two incidents of one root cause at once', async () => {
      const { store } = await createStore(databaseId);
      const opening = {
        rootRef: redis,
        environment: 'production',
        openedAt: new Date('2026-12-07T10:02:00Z'),
        members: [member(redis)],
      };
      await expect(store.openMany([opening, opening])).rejects.toThrow(
        'Cannot open two incidents of one root cause at once',
      );
      expect((await store.openIncidentsByRoot([opening])).size).toBe(0);
    });

    it('looks up a thousand endpoints at once', async () => {
      const { store } = await createStore(databaseId);
      const many = Array.from({ length: 1000 }, (_, i) =>
        member(`component:default/svc-${i}`),
      );
      const incident = await store.open(
        {
          rootRef: redis,
          environment: 'production',
          openedAt: new Date('2026-12-07T10:02:00Z'),
        },
        many,
      );
      const found = await store.openIncidentsOf(many);
      expect(found.size).toBe(1000);
      expect(found.get(`component:default/svc-999|production`)!.id).toBe(
        incident.id,
      );
    });
  },
);
