import { mockServices } from '@backstage/backend-test-utils';
import { NotModifiedError } from '@backstage/errors';
import { storeTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseRepositoriesStore } from '../database/DatabaseRepositoriesStore';
import { DatabaseSourceBudgetsStore } from '../database/DatabaseSourceBudgetsStore';
import { RepositorySources } from './RepositorySources';
import { RequestBudgets } from './RequestBudgets';

jest.setTimeout(60_000);

const { databases, createStore } = storeTestDatabases(
  DatabaseRepositoriesStore,
);

const SHOP = 'https://github.com/acme/shop/tree/main';

/** A host with one monorepo whose commit the test moves on. */
interface FakeHost {
  commit: string;
  dockerfile: string;
  readTree: jest.Mock;
}

function fakeHost(): FakeHost {
  const host: FakeHost = {
    commit: 'sha-1',
    dockerfile: 'FROM node:22\n',
    readTree: jest.fn(async (url: string, options?: { etag?: string }) => {
      if (url !== SHOP) throw new Error(`404 ${url}`);
      if (options?.etag === host.commit) throw new NotModifiedError();
      const files: Record<string, string> = {
        'services/cart/Dockerfile': host.dockerfile,
        'services/cart/src/index.ts': 'export {}',
        'services/pay/package.json': '{"name":"pay"}',
        'README.md': '# shop',
      };
      return {
        etag: host.commit,
        files: async () =>
          Object.entries(files).map(([path, text]) => ({
            path,
            content: async () => Buffer.from(text),
          })),
        archive: jest.fn(),
        dir: jest.fn(),
      } as any;
    }),
  };
  return host;
}

describe.each(databases.eachSupportedId())(
  'RepositorySources (%s)',
  databaseId => {
    async function sourcesWith(
      host: FakeHost,
      budgets: Record<string, { requestsPerHour: number }> = {},
    ) {
      const { store, knex } = await createStore(databaseId);
      const budgetStore = await DatabaseSourceBudgetsStore.create({
        database: { getClient: async () => knex, migrations: { skip: false } },
      });
      const sources = new RepositorySources({
        urlReader: mockServices.urlReader.mock({ readTree: host.readTree }),
        store,
        budgets: new RequestBudgets({ store: budgetStore, budgets }),
        logger: mockServices.logger.mock(),
        timeoutMs: 5_000,
        concurrency: 4,
      });
      return { sources, store };
    }
    const batch = [
      { entityRef: 'component:default/cart', url: `${SHOP}/services/cart/` },
      { entityRef: 'component:default/pay', url: `${SHOP}/services/pay` },
    ];

    it('reads a monorepo once for all its services, giving each its own directory', async () => {
      const host = fakeHost();
      const { sources } = await sourcesWith(host);
      const facts = await sources.factsFor(batch);
      expect(host.readTree).toHaveBeenCalledTimes(1);
      expect(facts.get('component:default/cart')).toEqual({
        paths: ['Dockerfile', 'src/index.ts'],
        files: { Dockerfile: 'FROM node:22\n' },
      });
      expect(facts.get('component:default/pay')).toEqual({
        paths: ['package.json'],
        files: { 'package.json': '{"name":"pay"}' },
      });
      // Kept: the next batch reads nothing.
      await sources.factsFor(batch);
      expect(host.readTree).toHaveBeenCalledTimes(1);
    });

    it('asks with the etag of the last read, and reads again only what changed', async () => {
      const host = fakeHost();
      const { sources } = await sourcesWith(host);
      await sources.factsFor(batch);
      const repository = {
        url: SHOP,
        host: 'github.com',
        repository: 'acme/shop',
        ref: 'main',
        etag: 'sha-1',
      };
      expect(
        await sources.refresh([repository], { waitUntil: Date.now() }),
      ).toEqual({ changed: [], unchanged: [SHOP], deferred: [], failed: [] });
      expect(host.readTree).toHaveBeenLastCalledWith(
        SHOP,
        expect.objectContaining({ etag: 'sha-1' }),
      );
      host.commit = 'sha-2';
      host.dockerfile = 'FROM node:22\nUSER node\n';
      expect(
        (await sources.refresh([repository], { waitUntil: Date.now() }))
          .changed,
      ).toEqual([SHOP]);
      const facts = await sources.factsFor(batch);
      expect(facts.get('component:default/cart')?.files.Dockerfile).toBe(
        'FROM node:22\nUSER node\n',
      );
    });

    it('keeps the last facts when the budget is spent, saying from when and why', async () => {
      const host = fakeHost();
      // 120 an hour: a bucket of two requests, the cost of one changed read.
      const { sources } = await sourcesWith(host, {
        'github.com': { requestsPerHour: 120 },
      });
      await sources.factsFor(batch);
      const outcome = await sources.refresh(
        [
          {
            url: SHOP,
            host: 'github.com',
            repository: 'acme/shop',
            ref: 'main',
            etag: 'sha-1',
          },
        ],
        { waitUntil: Date.now() },
      );
      expect(outcome.deferred).toEqual([SHOP]);
      expect(host.readTree).toHaveBeenCalledTimes(1);
      const cart = (await sources.factsFor(batch)).get(
        'component:default/cart',
      );
      expect(cart?.paths).toEqual(['Dockerfile', 'src/index.ts']);
      expect(cart?.keptFrom).toEqual({
        readAt: expect.any(String),
        reason:
          'not read again: the request budget of github.com (120 an hour) was spent',
      });
    });

    it('keeps the last facts when a read fails, and gives nothing for a repository never read', async () => {
      const host = fakeHost();
      const { sources } = await sourcesWith(host);
      await sources.factsFor(batch);
      host.readTree.mockRejectedValue(new Error('502 Bad Gateway'));
      const cart = (await sources.factsFor(batch, { fresh: true })).get(
        'component:default/cart',
      );
      expect(cart?.keptFrom?.reason).toBe(
        'the last read failed: Error: 502 Bad Gateway',
      );
      const unknown = await sources.factsFor([
        {
          entityRef: 'component:default/docs',
          url: 'https://github.com/acme/docs/tree/main/',
        },
      ]);
      expect(unknown.size).toBe(0);
    });
  },
);
