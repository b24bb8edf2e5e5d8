import { createTestDatabases } from '../__testUtils__/testDatabases';
import { cart, error, now } from '../__testUtils__/eventInputs';
import { createErrorStores } from '../__testUtils__/eventStores';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const createStores = (databaseId: Parameters<typeof databases.init>[0]) =>
  createErrorStores(databases, databaseId);

describe.each(databases.eachSupportedId())(
  'DatabaseErrorsStore (%s)',
  databaseId => {
    it('counts new sightings of an error, ignores redeliveries, resolves and reopens it', async () => {
      const { store } = await createStores(databaseId);
      const first = error('alert-1', '2026-11-24T10:00:00Z');
      expect(await store.upsertErrors([first], now)).toEqual({
        stored: 1,
        updated: 0,
        written: [first],
      });
      expect(await store.upsertErrors([first], now)).toEqual({
        stored: 0,
        updated: 0,
        written: [],
      });
      await store.upsertErrors(
        [
          {
            ...first,
            occurredAt: '2026-11-24T10:10:00Z',
            message: 'redis down',
          },
        ],
        now,
      );
      let [stored] = (await store.listErrors(cart, {}, { limit: 10 })).items;
      expect(stored).toMatchObject({
        count: 2,
        firstSeenAt: '2026-11-24T10:00:00.000Z',
        lastSeenAt: '2026-11-24T10:10:00.000Z',
        message: 'redis down',
        status: 'open',
      });
      expect(await store.listOpenErrors('api')).toEqual([
        { entityRef: cart, externalId: 'alert-1' },
      ]);

      await store.upsertErrors(
        [
          {
            ...first,
            occurredAt: '2026-11-24T10:10:00Z',
            resolvedAt: '2026-11-24T10:20:00Z',
          },
        ],
        now,
      );
      [stored] = (await store.listErrors(cart, {}, { limit: 10 })).items;
      expect(stored).toMatchObject({
        status: 'resolved',
        resolvedAt: '2026-11-24T10:20:00.000Z',
        resolvedBy: 'api',
        count: 2,
      });
      expect(await store.listOpenErrors('api')).toEqual([]);

      await store.upsertErrors(
        [{ ...first, occurredAt: '2026-11-24T11:00:00Z' }],
        now,
      );
      [stored] = (await store.listErrors(cart, {}, { limit: 10 })).items;
      expect(stored).toMatchObject({ status: 'open', count: 3 });
      expect(stored.resolvedAt).toBeUndefined();
    });

    it('groups errors by fingerprint, filters them, and resolves a whole group', async () => {
      const { store } = await createStores(databaseId);
      await store.upsertErrors(
        [
          error('a', '2026-11-24T09:00:00Z'),
          error('b', '2026-11-24T09:30:00Z'),
          error('c', '2026-11-24T10:00:00Z', {
            fingerprint: 'oom',
            message: 'OOMKilled',
            category: 'resource',
            severity: 'critical',
          }),
          error('d', '2026-11-24T08:00:00Z', {
            fingerprint: 'tls',
            message: 'certificate expired',
            category: 'security',
            resolvedAt: '2026-11-24T08:30:00Z',
          }),
        ],
        now,
      );
      const grouped = await store.listErrorGroups(cart, {}, { limit: 2 });
      expect(
        grouped.items.map(g => [
          g.fingerprint,
          g.count,
          g.occurrences,
          g.status,
        ]),
      ).toEqual([
        ['oom', 1, 1, 'open'],
        ['redis', 2, 2, 'open'],
      ]);
      expect(grouped.items[1]).toMatchObject({
        externalId: 'b',
        firstSeenAt: '2026-11-24T09:00:00.000Z',
        lastSeenAt: '2026-11-24T09:30:00.000Z',
      });
      const next = await store.listErrorGroups(
        cart,
        {},
        { limit: 2, cursor: grouped.nextCursor },
      );
      expect(next.items.map(g => [g.fingerprint, g.status])).toEqual([
        ['tls', 'resolved'],
      ]);
      expect(next.nextCursor).toBeUndefined();

      const critical = await store.listErrors(
        cart,
        { severity: 'critical' },
        { limit: 10 },
      );
      expect(critical.items.map(e => e.externalId)).toEqual(['c']);
      const open = await store.listErrors(
        cart,
        { status: 'open' },
        { limit: 10 },
      );
      expect(open.items.map(e => e.externalId)).toEqual(['c', 'b', 'a']);

      const [b] = (
        await store.listErrors(cart, { category: 'dependency' }, { limit: 1 })
      ).items;
      expect(
        await store.resolveError(b.id, {
          by: 'user:default/ana',
          notes: 'Failed over to the replica',
          at: now,
        }),
      ).toBe(2);
      const resolved = await store.listErrors(
        cart,
        { status: 'resolved' },
        { limit: 10 },
      );
      expect(resolved.items.map(e => e.externalId)).toEqual(['b', 'a', 'd']);
      expect(resolved.items[0]).toMatchObject({
        resolvedBy: 'user:default/ana',
        resolutionNotes: 'Failed over to the replica',
        resolvedAt: now.toISOString(),
      });
      expect(await store.resolveError('nope', { by: 'x', at: now })).toBe(0);
    });

    it('shows each group by its latest error in the filter, open while any of its errors is', async () => {
      const { store, knex } = await createStores(databaseId);
      const at = '2026-11-24T10:00:00Z';
      await store.upsertErrors(
        [
          // Three sightings at the same time: the one with the greatest id
          // stands for the group, as it comes first in the flat list.
          error('tie-mid', at, { fingerprint: 'tie', message: 'mid' }),
          error('tie-high', at, { fingerprint: 'tie', message: 'high' }),
          error('tie-low', at, { fingerprint: 'tie', message: 'low' }),
          // Open before the window, resolved in it, seen again after it.
          error('edge-before', '2026-11-20T08:00:00Z', { fingerprint: 'edge' }),
          error('edge-1', '2026-11-24T09:00:00Z', {
            fingerprint: 'edge',
            resolvedAt: '2026-11-24T09:10:00Z',
          }),
          error('edge-2', '2026-11-24T09:30:00Z', {
            fingerprint: 'edge',
            message: 'redis unreachable again',
            resolvedAt: '2026-11-24T09:40:00Z',
          }),
          error('edge-after', '2026-11-25T08:00:00Z', {
            fingerprint: 'edge',
            message: 'after the window',
            resolvedAt: '2026-11-25T08:10:00Z',
          }),
          // Every error resolved: the group is, as its latest error says.
          error('done-1', '2026-11-24T07:00:00Z', {
            fingerprint: 'done',
            resolvedAt: '2026-11-24T07:05:00Z',
          }),
          error('done-2', '2026-11-24T08:00:00Z', {
            fingerprint: 'done',
            message: 'done, latest',
            resolvedAt: '2026-11-24T08:30:00Z',
          }),
          // Latest in staging, which a filter on production leaves out.
          error('env-prod', '2026-11-24T06:00:00Z', { fingerprint: 'env' }),
          error('env-staging', '2026-11-24T06:30:00Z', {
            fingerprint: 'env',
            environment: 'staging',
          }),
        ],
        now,
      );
      // Ids in another order than the rows were written in.
      for (const [externalId, id] of [
        ['tie-mid', '55555555-0000-4000-8000-000000000000'],
        ['tie-high', 'ffffffff-0000-4000-8000-000000000000'],
        ['tie-low', '00000000-0000-4000-8000-000000000000'],
      ]) {
        await knex('opsready_errors')
          .where('external_id', externalId)
          .update({ id });
      }
      const window = {
        from: new Date('2026-11-24T00:00:00Z'),
        to: new Date('2026-11-24T12:00:00Z'),
      };
      const groups = await store.listErrorGroups(cart, window, { limit: 10 });
      const summary = (e: (typeof groups.items)[number]) => ({
        fingerprint: e.fingerprint,
        externalId: e.externalId,
        message: e.message,
        environment: e.environment,
        count: e.count,
        occurrences: e.occurrences,
        firstSeenAt: e.firstSeenAt,
        lastSeenAt: e.lastSeenAt,
        status: e.status,
        resolvedAt: e.resolvedAt,
      });
      expect(groups.items.map(summary)).toEqual([
        {
          fingerprint: 'tie',
          externalId: 'tie-high',
          message: 'high',
          environment: 'production',
          count: 3,
          occurrences: 3,
          firstSeenAt: '2026-11-24T10:00:00.000Z',
          lastSeenAt: '2026-11-24T10:00:00.000Z',
          status: 'open',
          resolvedAt: undefined,
        },
        {
          fingerprint: 'edge',
          externalId: 'edge-2',
          message: 'redis unreachable again',
          environment: 'production',
          count: 2,
          occurrences: 2,
          firstSeenAt: '2026-11-24T09:00:00.000Z',
          lastSeenAt: '2026-11-24T09:30:00.000Z',
          // edge-before, outside the window, is still open.
          status: 'open',
          resolvedAt: undefined,
        },
        {
          fingerprint: 'done',
          externalId: 'done-2',
          message: 'done, latest',
          environment: 'production',
          count: 2,
          occurrences: 2,
          firstSeenAt: '2026-11-24T07:00:00.000Z',
          lastSeenAt: '2026-11-24T08:00:00.000Z',
          status: 'resolved',
          resolvedAt: '2026-11-24T08:30:00.000Z',
        },
        {
          fingerprint: 'env',
          externalId: 'env-staging',
          message: 'redis unreachable',
          environment: 'staging',
          count: 2,
          occurrences: 2,
          firstSeenAt: '2026-11-24T06:00:00.000Z',
          lastSeenAt: '2026-11-24T06:30:00.000Z',
          status: 'open',
          resolvedAt: undefined,
        },
      ]);
      expect(groups.items[2]).toMatchObject({ resolvedBy: 'api' });

      const production = await store.listErrorGroups(
        cart,
        { ...window, environment: 'production' },
        { limit: 10 },
      );
      expect(
        production.items
          .filter(g => g.fingerprint === 'env')
          .map(g => [g.externalId, g.occurrences, g.lastSeenAt]),
      ).toEqual([['env-prod', 1, '2026-11-24T06:00:00.000Z']]);

      // All time, one group a page: the cursor carries the group's time
      // and fingerprint, so groups of the same time are neither skipped
      // nor repeated.
      await store.upsertErrors(
        [error('tie-other', at, { fingerprint: 'tie-2' })],
        now,
      );
      const walked: Array<[string, string]> = [];
      let cursor: string | undefined;
      do {
        const page = await store.listErrorGroups(
          cart,
          {},
          { limit: 1, cursor },
        );
        walked.push(
          ...page.items.map(
            g => [g.fingerprint, g.externalId] as [string, string],
          ),
        );
        cursor = page.nextCursor;
      } while (cursor);
      expect(walked).toEqual([
        ['edge', 'edge-after'],
        ['tie', 'tie-high'],
        ['tie-2', 'tie-other'],
        ['done', 'done-2'],
        ['env', 'env-staging'],
      ]);
    });

    it('answers a redelivery that changes nothing without waiting for a write holding its row', async () => {
      const { store, knex } = await createStores(databaseId);
      const first = error('alert-1', '2026-11-24T10:00:00Z');
      await store.upsertErrors([first], now);
      // SQLite writes one transaction at a time: only PostgreSQL has row
      // locks for a redelivery to wait on.
      if (knex.client.config.client !== 'pg') return;
      const holder = await knex.transaction();
      try {
        await holder('opsready_errors')
          .where('external_id', 'alert-1')
          .forUpdate();
        const answer = await Promise.race([
          store.upsertErrors([first], now),
          new Promise(resolve => setTimeout(() => resolve('waited'), 5_000)),
        ]);
        expect(answer).toEqual({ stored: 0, updated: 0, written: [] });
      } finally {
        await holder.rollback();
      }
    });
  },
);
