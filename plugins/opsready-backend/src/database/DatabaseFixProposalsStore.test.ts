import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { storeTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseFixProposalsStore } from './DatabaseFixProposalsStore';

jest.setTimeout(60_000);

const { databases, createStore } = storeTestDatabases(
  DatabaseFixProposalsStore,
);

const cart = 'component:default/cartservice';
const frontend = 'component:default/frontend';
const at = (iso: string) => new Date(iso);

describe.each(databases.eachSupportedId())(
  'DatabaseFixProposalsStore (%s)',
  databaseId => {
    it('keeps one proposal per entity and check, the latest replacing the older', async () => {
      const { store } = await createStore(databaseId);
      const [first] = await store.saveProposals([
        {
          entityRef: cart,
          checkId: 'kubernetes.probes',
          url: 'https://github.com/acme/cart/pull/7',
          title: 'Add probes',
          branch: 'opsready/fix-probes',
          createdBy: 'user:default/pat',
          createdAt: at('2026-12-10T10:00:00Z'),
        },
      ]);
      await store.saveProposals([
        {
          entityRef: frontend,
          checkId: 'kubernetes.probes',
          url: 'https://github.com/acme/frontend/pull/3',
          createdBy: 'user:default/sam',
          createdAt: at('2026-12-10T10:30:00Z'),
        },
      ]);
      const later = await store.saveProposals([
        {
          entityRef: cart,
          checkId: 'kubernetes.probes',
          url: 'https://github.com/acme/cart/pull/9',
          createdBy: 'opsready-scaffolder',
          createdAt: at('2026-12-10T11:00:00Z'),
        },
        {
          entityRef: cart,
          checkId: 'kubernetes.resources',
          url: 'https://github.com/acme/cart/pull/9',
          createdBy: 'opsready-scaffolder',
          createdAt: at('2026-12-10T11:00:00Z'),
        },
      ]);

      const proposals = await store.proposalsOf([cart]);
      expect(proposals).toEqual(later);
      expect(proposals).toEqual([
        {
          id: expect.any(String),
          entityRef: cart,
          checkId: 'kubernetes.probes',
          url: 'https://github.com/acme/cart/pull/9',
          createdBy: 'opsready-scaffolder',
          createdAt: '2026-12-10T11:00:00.000Z',
        },
        expect.objectContaining({ checkId: 'kubernetes.resources' }),
      ]);
      // The older proposal, its title and branch with it, is gone.
      expect(proposals.map(p => p.id)).not.toContain(first.id);
      expect(proposals[0]).not.toHaveProperty('title');
      expect(proposals[0]).not.toHaveProperty('branch');
      // Another entity's proposal for the same check is its own.
      expect(await store.proposalsOf([frontend])).toEqual([
        expect.objectContaining({
          url: 'https://github.com/acme/frontend/pull/3',
        }),
      ]);
    });

    it('lists several entities newest first, and deletes by id', async () => {
      const { store } = await createStore(databaseId);
      const saved = await store.saveProposals([
        {
          entityRef: cart,
          checkId: 'repository.readme',
          url: 'file:///srv/git/cart.git',
          title: 'Add a README',
          branch: 'opsready/fix-readme',
          createdBy: 'user:default/pat',
          createdAt: at('2026-12-09T08:00:00Z'),
        },
        {
          entityRef: frontend,
          checkId: 'catalog.owner',
          url: 'https://gitlab.example.com/shop/frontend/-/merge_requests/4',
          createdBy: 'user:default/sam',
          createdAt: at('2026-12-10T08:00:00Z'),
        },
      ]);
      expect(
        (await store.proposalsOf([cart, frontend, 'component:default/x'])).map(
          p => [p.entityRef, p.title],
        ),
      ).toEqual([
        [frontend, undefined],
        [cart, 'Add a README'],
      ]);

      expect(await store.deleteProposals([saved[1].id, 'no-such-id'])).toBe(1);
      expect(await store.proposalsOf([cart, frontend])).toEqual([saved[0]]);
      expect(await store.proposalsOf([])).toEqual([]);
      expect(await store.deleteProposals([])).toBe(0);
    });

    it('has a migration that goes down and up again', async () => {
      const { knex } = await createStore(databaseId);
      const directory = resolvePackagePath(
        '@opsready/plugin-opsready-backend',
        'migrations',
      );
      const [, pending] = await knex.migrate.list({ directory });
      expect(pending).toEqual([]);
      await knex.migrate.down({
        directory,
        name: '20261210000000_fix_proposals.js',
      });
      expect(await knex.schema.hasTable('opsready_fix_proposals')).toBe(false);
      await knex.migrate.up({
        directory,
        name: '20261210000000_fix_proposals.js',
      });
      expect(await knex.schema.hasTable('opsready_fix_proposals')).toBe(true);
      expect(
        await knex.schema.hasColumn('opsready_fix_proposals', 'created_by'),
      ).toBe(true);
    });
  },
);
