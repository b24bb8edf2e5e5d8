import { storeTestDatabases } from '../__testUtils__/testDatabases';
import { repositoryLocationOf } from '../sources/repositoryLocation';
import { DatabaseRepositoriesStore } from './DatabaseRepositoriesStore';

jest.setTimeout(60_000);

const { databases, createStore } = storeTestDatabases(
  DatabaseRepositoriesStore,
);

const location = (url: string) => repositoryLocationOf(url)!;
const shopCart = location(
  'https://github.com/acme/shop/tree/main/services/cart',
);
const shopPay = location('https://github.com/acme/shop/tree/main/services/pay');
const docs = location('https://github.com/acme/docs/tree/main');
const facts = { paths: ['services/cart/Dockerfile'], files: {} };

describe.each(databases.eachSupportedId())(
  'DatabaseRepositoriesStore (%s)',
  databaseId => {
    it('keeps the facts of a read with its etag, and confirms them later', async () => {
      const { store } = await createStore(databaseId);
      await store.saveRead(
        shopCart,
        { etag: 'sha-1', facts },
        new Date('2026-12-07T10:00:00Z'),
      );
      await store.saveUnchanged(shopCart.url, new Date('2026-12-07T10:30:00Z'));
      const kept = (await store.getRepositories([shopCart.url])).get(
        shopCart.url,
      );
      expect(kept).toEqual({
        url: 'https://github.com/acme/shop/tree/main',
        host: 'github.com',
        repository: 'acme/shop',
        ref: 'main',
        etag: 'sha-1',
        facts,
        readAt: '2026-12-07T10:00:00.000Z',
        checkedAt: '2026-12-07T10:30:00.000Z',
      });
    });

    it('keeps the facts when they could not be renewed, with the reason, until the next read', async () => {
      const { store } = await createStore(databaseId);
      const at = new Date('2026-12-07T10:00:00Z');
      await store.saveRead(shopCart, { etag: 'sha-1', facts }, at);
      await store.saveKept(shopCart, 'the budget of github.com was spent');
      expect(
        (await store.getRepositories([shopCart.url])).get(shopCart.url),
      ).toMatchObject({
        facts,
        etag: 'sha-1',
        keptBecause: 'the budget of github.com was spent',
      });
      await store.saveRead(shopCart, { etag: 'sha-2', facts }, at);
      expect(
        (await store.getRepositories([shopCart.url])).get(shopCart.url)
          ?.keptBecause,
      ).toBeUndefined();
      // A repository never read is remembered as not read, and why.
      await store.saveKept(docs, 'read failed: 500');
      expect(
        (await store.getRepositories([docs.url])).get(docs.url),
      ).toMatchObject({ keptBecause: 'read failed: 500' });
      expect(
        (await store.getRepositories([docs.url])).get(docs.url)?.facts,
      ).toBeUndefined();
    });

    it('lists each repository in use once, never confirmed first, then the stalest', async () => {
      const { store } = await createStore(databaseId);
      await store.saveEntitySources([
        {
          entityRef: 'component:default/cart',
          entityEtag: 'e1',
          repository: shopCart,
        },
        {
          entityRef: 'component:default/pay',
          entityEtag: 'e2',
          repository: shopPay,
        },
        {
          entityRef: 'component:default/docs',
          entityEtag: 'e3',
          repository: docs,
        },
        { entityRef: 'component:default/local', entityEtag: 'e4' },
      ]);
      await store.saveRead(
        shopCart,
        { facts },
        new Date('2026-12-07T10:00:00Z'),
      );
      expect((await store.listRepositoriesToCheck()).map(r => r.url)).toEqual([
        docs.url,
        shopCart.url,
      ]);
      await store.saveRead(docs, { facts }, new Date('2026-12-07T11:00:00Z'));
      expect((await store.listRepositoriesToCheck()).map(r => r.url)).toEqual([
        shopCart.url,
        docs.url,
      ]);
      expect(await store.entitiesOfRepositories([shopCart.url])).toEqual(
        new Map([
          [shopCart.url, ['component:default/cart', 'component:default/pay']],
        ]),
      );
      expect(
        (await store.findRepositories('github.com', 'acme/shop')).map(
          r => r.ref,
        ),
      ).toEqual(['main']);
      expect(
        await store.getEntityEtags([
          'component:default/cart',
          'component:default/gone',
        ]),
      ).toEqual(new Map([['component:default/cart', 'e1']]));
    });

    it('forgets components that left, and the repositories left without one', async () => {
      const { store } = await createStore(databaseId);
      await store.saveEntitySources([
        { entityRef: 'component:default/cart', repository: shopCart },
        { entityRef: 'component:default/docs', repository: docs },
      ]);
      await store.deleteEntities(['component:default/docs']);
      expect((await store.listRepositoriesToCheck()).map(r => r.url)).toEqual([
        shopCart.url,
      ]);
      expect(await store.getRepositories([docs.url])).toEqual(new Map());
    });
  },
);
