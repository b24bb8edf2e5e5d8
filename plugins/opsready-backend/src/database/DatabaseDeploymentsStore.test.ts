import { storeTestDatabases } from '../__testUtils__/testDatabases';
import { cart, deployment, now } from '../__testUtils__/eventInputs';
import { DatabaseDeploymentsStore } from './DatabaseDeploymentsStore';

jest.setTimeout(60_000);

const { databases, createStore } = storeTestDatabases(DatabaseDeploymentsStore);

describe.each(databases.eachSupportedId())(
  'DatabaseDeploymentsStore (%s)',
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
      expect(
        await store.deleteOlderThan(new Date('2026-06-01T00:00:00Z'), 1),
      ).toBe(2);
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

    it('tells the latest successful deployment of each environment that has one', async () => {
      const { store } = await createStore(databaseId);
      await store.upsertDeployments(
        [
          deployment('prod-ok', '2026-11-20T10:00:00Z', { version: '1.0.0' }),
          deployment('prod-failed', '2026-11-21T10:00:00Z', {
            version: '1.1.0',
            status: 'failed',
          }),
          deployment('qa-failed', '2026-11-21T10:00:00Z', {
            environment: 'qa',
            status: 'failed',
          }),
          deployment('dev-ok', '2026-11-22T10:00:00Z', {
            environment: 'dev',
            version: '2.0.0',
          }),
          deployment('dev-running', '2026-11-23T10:00:00Z', {
            environment: 'dev',
            version: '2.1.0',
            status: 'started',
          }),
          deployment('other', '2026-11-23T10:00:00Z', {
            entityRef: 'component:default/adservice',
            environment: 'eu',
          }),
        ],
        now,
      );
      expect(
        (await store.latestPerEnvironment(cart)).map(d => [
          d.environment,
          d.externalId,
        ]),
      ).toEqual([
        ['dev', 'dev-ok'],
        ['production', 'prod-ok'],
      ]);
      expect(
        await store.latestPerEnvironment('component:default/none'),
      ).toEqual([]);
    });
  },
);
