import { TestDatabaseId } from '@backstage/backend-test-utils';
import {
  DeploymentInput,
  ErrorEventInput,
} from '@opsready/plugin-opsready-common';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseEventsStore } from './DatabaseEventsStore';
import { NormalizedErrorInput } from './EventsStore';

jest.setTimeout(60_000);

const databases = createTestDatabases();

async function createStore(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const store = await DatabaseEventsStore.create({
    database: { getClient: async () => knex, migrations: { skip: false } },
  });
  return { knex, store };
}

const cart = 'component:default/cartservice';
const now = new Date('2026-11-24T12:00:00Z');

const deployment = (
  externalId: string,
  startedAt: string,
  extra: Partial<DeploymentInput> = {},
): DeploymentInput => ({
  entityRef: cart,
  environment: 'production',
  version: '1.0.0',
  status: 'succeeded',
  startedAt,
  source: 'api',
  externalId,
  ...extra,
});

const error = (
  externalId: string,
  occurredAt: string,
  extra: Partial<ErrorEventInput> = {},
): NormalizedErrorInput => ({
  entityRef: cart,
  environment: 'production',
  severity: 'high',
  category: 'dependency',
  message: 'redis unreachable',
  occurredAt,
  source: 'api',
  externalId,
  fingerprint: 'redis',
  ...extra,
});

describe.each(databases.eachSupportedId())(
  'DatabaseEventsStore (%s)',
  databaseId => {
    it('stores a deployment once however often it is delivered, and updates its status', async () => {
      const { store, knex } = await createStore(databaseId);
      const started = deployment('run-1', '2026-11-24T10:00:00Z', {
        status: 'started',
        commitSha: 'abc123',
      });
      expect(await store.upsertDeployments([started], now)).toEqual({
        stored: 1,
        updated: 0,
        written: [started],
      });
      // A redelivery that changes nothing writes nothing.
      expect(await store.upsertDeployments([started, started], now)).toEqual({
        stored: 0,
        updated: 0,
        written: [],
      });
      const succeeded = {
        ...started,
        status: 'succeeded' as const,
        finishedAt: '2026-11-24T10:05:00Z',
        commitSha: undefined,
      };
      expect(await store.upsertDeployments([succeeded], now)).toEqual({
        stored: 0,
        updated: 1,
        written: [succeeded],
      });
      // A late copy of the first delivery does not undo the outcome.
      expect(await store.upsertDeployments([started], now)).toMatchObject({
        updated: 0,
      });

      const rows = await knex('opsready_deployments').select();
      expect(rows).toHaveLength(1);
      const page = await store.listDeployments(cart, {}, { limit: 10 });
      expect(page.items).toEqual([
        expect.objectContaining({
          status: 'succeeded',
          finishedAt: '2026-11-24T10:05:00.000Z',
          durationMs: 300_000,
          commitSha: 'abc123',
          isRollback: false,
          changeFailure: false,
        }),
      ]);
    });

    it('pages deployments newest first with filters, without gaps or repeats', async () => {
      const { store } = await createStore(databaseId);
      const inputs = Array.from({ length: 25 }, (_, i) =>
        deployment(
          `run-${i}`,
          // Pairs share a start time: the id breaks the tie.
          new Date(
            Date.parse('2026-11-01T00:00:00Z') + Math.floor(i / 2) * 3600_000,
          ).toISOString(),
          { environment: i % 5 === 0 ? 'staging' : 'production' },
        ),
      );
      await store.upsertDeployments(inputs, now);

      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.listDeployments(
          cart,
          { environment: 'production' },
          { limit: 7, cursor },
        );
        seen.push(...page.items.map(d => d.externalId));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(20);
      expect(new Set(seen).size).toBe(20);
      const times = (
        await store.listDeployments(cart, {}, { limit: 100 })
      ).items.map(d => Date.parse(d.startedAt));
      expect(times).toEqual([...times].sort((a, b) => b - a));

      const ranged = await store.listDeployments(
        cart,
        {
          from: new Date('2026-11-01T02:00:00Z'),
          to: new Date('2026-11-01T03:00:00Z'),
        },
        { limit: 100 },
      );
      expect(ranged.items.map(d => d.externalId).sort()).toEqual([
        'run-4',
        'run-5',
        'run-6',
        'run-7',
      ]);
    });

    it('writes a batch whole or not at all', async () => {
      const { store, knex } = await createStore(databaseId);
      await expect(
        store.upsertDeployments(
          [
            deployment('ok', '2026-11-24T10:00:00Z'),
            // Validation upstream never lets this through; here it stands
            // for any row the database refuses.
            deployment('bad', '2026-11-24T10:00:00Z', {
              version: null as unknown as string,
            }),
          ],
          now,
        ),
        // Matched by message, not with toThrow(): better-sqlite3's native
        // addon keeps the error class of the first test file that loaded it,
        // so in later files of the same Jest worker its errors are not
        // `instanceof Error` and toThrow() would report "did not throw".
      ).rejects.toHaveProperty(
        'message',
        expect.stringMatching(/not[- ]null/i),
      );
      const [{ n }] = await knex('opsready_deployments').count({ n: '*' });
      expect(Number(n)).toBe(0);
    });

    it('counts new sightings of an error, ignores redeliveries, resolves and reopens it', async () => {
      const { store } = await createStore(databaseId);
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
      const { store } = await createStore(databaseId);
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

    it('counts errors per hour and severity over a range, for the chart', async () => {
      const { store } = await createStore(databaseId);
      await store.upsertErrors(
        [
          error('a', '2026-11-24T09:05:00Z'),
          error('b', '2026-11-24T09:59:59Z', { severity: 'critical' }),
          error('c', '2026-11-24T09:30:00Z', { severity: 'critical' }),
          error('d', '2026-11-24T11:00:00Z', {
            severity: 'low',
            environment: 'staging',
          }),
          // Outside the range, and another service's.
          error('e', '2026-11-23T09:00:00Z'),
          error('f', '2026-11-24T09:10:00Z', {
            entityRef: 'component:default/adservice',
          }),
        ],
        now,
      );
      const range = {
        from: new Date('2026-11-24T00:00:00Z'),
        to: new Date('2026-11-24T12:00:00Z'),
      };
      expect(await store.errorCountsByHour(cart, range)).toEqual({
        items: [
          {
            at: '2026-11-24T09:00:00.000Z',
            critical: 2,
            high: 1,
            medium: 0,
            low: 0,
          },
          {
            at: '2026-11-24T11:00:00.000Z',
            critical: 0,
            high: 0,
            medium: 0,
            low: 1,
          },
        ],
        environments: ['production', 'staging'],
      });
      expect(
        await store.errorCountsByHour(cart, {
          ...range,
          environment: 'staging',
        }),
      ).toEqual({
        items: [
          {
            at: '2026-11-24T11:00:00.000Z',
            critical: 0,
            high: 0,
            medium: 0,
            low: 1,
          },
        ],
        environments: ['staging'],
      });
      expect(
        await store.errorCountsByHour(cart, {
          from: new Date('2026-11-20T00:00:00Z'),
          to: new Date('2026-11-21T00:00:00Z'),
        }),
      ).toEqual({ items: [], environments: [] });
    });

    it('keeps the latest deployment per environment through retention', async () => {
      const { store, knex } = await createStore(databaseId);
      await store.upsertDeployments(
        [
          deployment('old-prod-1', '2026-01-01T00:00:00Z', {
            version: '1.0.0',
          }),
          deployment('old-prod-2', '2026-01-02T00:00:00Z', {
            version: '1.1.0',
          }),
          deployment('old-staging', '2026-01-01T00:00:00Z', {
            environment: 'staging',
            version: '1.1.0',
          }),
          deployment('new-staging', '2026-11-20T00:00:00Z', {
            environment: 'staging',
            version: '1.2.0',
          }),
        ],
        now,
      );
      await store.upsertErrors(
        [
          error('old', '2026-01-01T00:00:00Z'),
          error('new', '2026-11-20T00:00:00Z'),
        ],
        now,
      );
      expect(
        await store.deleteOlderThan(new Date('2026-06-01T00:00:00Z'), 1),
      ).toEqual({ deployments: 2, errors: 1 });
      const left = await knex('opsready_deployments')
        .orderBy('external_id')
        .pluck('external_id');
      expect(left).toEqual(['new-staging', 'old-prod-2']);
      expect(
        (await store.latestPerEnvironment(cart)).map(d => [
          d.environment,
          d.version,
        ]),
      ).toEqual([
        ['production', '1.1.0'],
        ['staging', '1.2.0'],
      ]);
    });

    it('tells which version an error followed, where and when it finished', async () => {
      const { store } = await createStore(databaseId);
      await store.upsertDeployments(
        [
          deployment('run-7', '2026-11-24T09:00:00Z', {
            version: '2.3.0',
            environment: 'staging',
            finishedAt: '2026-11-24T09:04:00Z',
          }),
        ],
        now,
      );
      const [released] = (await store.listDeployments(cart, {}, { limit: 10 }))
        .items;
      await store.upsertErrors(
        [
          error('e-after', '2026-11-24T09:30:00Z', {
            environment: 'staging',
          }),
          error('e-alone', '2026-11-24T09:40:00Z', { fingerprint: 'other' }),
          error('e-gone', '2026-11-24T09:50:00Z', { fingerprint: 'gone' }),
        ],
        now,
      );
      const ids = new Map(
        (await store.listErrors(cart, {}, { limit: 10 })).items.map(e => [
          e.externalId,
          e.id,
        ]),
      );
      await store.saveCorrelations(
        [],
        [
          { id: ids.get('e-after')!, deploymentId: released.id },
          // A deployment retention has since deleted.
          { id: ids.get('e-gone')!, deploymentId: 'deleted-deployment' },
        ],
      );

      const summary = {
        version: '2.3.0',
        environment: 'staging',
        status: 'succeeded',
        startedAt: '2026-11-24T09:00:00.000Z',
        finishedAt: '2026-11-24T09:04:00.000Z',
      };
      const flat = (await store.listErrors(cart, {}, { limit: 10 })).items;
      const byExternalId = new Map(flat.map(e => [e.externalId, e]));
      expect(byExternalId.get('e-after')).toMatchObject({
        deploymentId: released.id,
        deployment: summary,
      });
      expect(byExternalId.get('e-alone')?.deployment).toBeUndefined();
      expect(byExternalId.get('e-gone')).toMatchObject({
        deploymentId: 'deleted-deployment',
      });
      expect(byExternalId.get('e-gone')?.deployment).toBeUndefined();

      const grouped = (await store.listErrorGroups(cart, {}, { limit: 10 }))
        .items;
      expect(grouped.find(e => e.fingerprint === 'redis')?.deployment).toEqual(
        summary,
      );
      expect((await store.getError(ids.get('e-after')!))?.deployment).toEqual(
        summary,
      );
    });

    it('records services created from templates for the timeline', async () => {
      const { store } = await createStore(databaseId);
      await store.addProvisioned(
        cart,
        {
          templateName: 'golden-node-service',
          templateVersion: '2',
          actor: 'user:default/ana',
        },
        new Date('2026-11-01T00:00:00Z'),
      );
      expect(
        await store.provisionedBetween(cart, {
          from: new Date('2026-10-01T00:00:00Z'),
          to: now,
        }),
      ).toEqual([
        expect.objectContaining({
          templateName: 'golden-node-service',
          templateVersion: '2',
          actor: 'user:default/ana',
          at: '2026-11-01T00:00:00.000Z',
        }),
      ]);
    });
  },
);
