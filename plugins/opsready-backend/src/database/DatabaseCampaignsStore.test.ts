import { InputError, NotFoundError } from '@backstage/errors';
import type { CampaignItem } from '@opsready/plugin-opsready-common';
import type { CampaignEntityRow, StoredCampaign } from '../campaigns/types';
import { storeTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseCampaignsStore } from './DatabaseCampaignsStore';

jest.setTimeout(60_000);

const { databases, createStore } = storeTestDatabases(DatabaseCampaignsStore);

const campaign = (extra: Partial<StoredCampaign> = {}): StoredCampaign => ({
  id: '00000000-0000-4000-8000-000000000001',
  name: 'PDBs everywhere',
  description: 'Every production service has a **PodDisruptionBudget**.',
  rationale: 'Node drains took services down twice last quarter.',
  goal: { checks: ['kubernetes.pdb'], minLevel: 'silver' },
  scope: { kinds: ['component'], lifecycles: ['production'] },
  startsAt: '2026-12-01T00:00:00.000Z',
  deadline: '2027-01-15T00:00:00.000Z',
  owner: 'group:default/platform',
  enforce: true,
  state: 'active',
  createdBy: 'user:default/pat',
  createdAt: '2026-11-30T09:00:00.000Z',
  updatedAt: '2026-11-30T09:00:00.000Z',
  ...extra,
});

const pdbItem: CampaignItem = {
  type: 'check',
  checkId: 'kubernetes.pdb',
  title: 'Has a PodDisruptionBudget',
  status: 'fail',
  message: 'No PodDisruptionBudget selects the pods',
  remediation: 'Add one.',
};

const row = (
  name: string,
  extra: Partial<CampaignEntityRow> = {},
): CampaignEntityRow => ({
  entityRef: `component:default/${name}`,
  owner: 'group:default/team-a',
  status: 'open',
  items: [pdbItem],
  since: '2026-12-01T10:00:00.000Z',
  ...extra,
});

const done = (name: string, extra: Partial<CampaignEntityRow> = {}) =>
  row(name, { status: 'done', items: [], ...extra });

const launched = (at = '2026-11-30T09:00:00.000Z') => ({
  action: 'launched' as const,
  by: 'user:default/pat',
  at,
  changes: {},
});

describe.each(databases.eachSupportedId())(
  'DatabaseCampaignsStore (%s)',
  databaseId => {
    it('keeps a campaign with its history, and edits it in place', async () => {
      const { store } = await createStore(databaseId);
      await store.createCampaign(campaign(), launched());
      expect(await store.getCampaign(campaign().id)).toEqual(campaign());
      expect(await store.getCampaign('nope')).toBeUndefined();

      const ended = campaign({
        deadline: '2027-02-01T00:00:00.000Z',
        enforce: false,
        state: 'ended',
        updatedAt: '2026-12-05T10:00:00.000Z',
        endedAt: '2026-12-05T10:00:00.000Z',
      });
      await store.updateCampaign(ended, {
        action: 'ended',
        by: 'user:default/sam',
        at: '2026-12-05T10:00:00.000Z',
        changes: {
          deadline: {
            from: '2027-01-15T00:00:00.000Z',
            to: '2027-02-01T00:00:00.000Z',
          },
          enforce: { from: true, to: false },
        },
        note: 'Replaced by the Q1 campaign',
      });
      expect(await store.getCampaign(ended.id)).toEqual(ended);
      expect(await store.getHistory(ended.id)).toEqual([
        {
          action: 'ended',
          by: 'user:default/sam',
          at: '2026-12-05T10:00:00.000Z',
          changes: {
            deadline: {
              from: '2027-01-15T00:00:00.000Z',
              to: '2027-02-01T00:00:00.000Z',
            },
            enforce: { from: true, to: false },
          },
          note: 'Replaced by the Q1 campaign',
        },
        launched(),
      ]);
      expect(await store.getHistory('nope')).toEqual([]);

      await expect(
        store.updateCampaign(campaign({ id: 'nope' }), launched()),
      ).rejects.toThrow(NotFoundError);
      expect(await store.getHistory('nope')).toEqual([]);
    });

    it('marks when progress was computed, and when the campaign was completed', async () => {
      const { store } = await createStore(databaseId);
      const { id } = campaign();
      await store.createCampaign(campaign(), launched());

      await store.markComputed(id, new Date('2026-12-02T10:00:00Z'));
      expect(await store.getCampaign(id)).toEqual(
        campaign({ computedAt: '2026-12-02T10:00:00.000Z' }),
      );

      const at = new Date('2026-12-03T10:00:00Z');
      await store.markComputed(id, at, at);
      expect(await store.getCampaign(id)).toMatchObject({
        computedAt: '2026-12-03T10:00:00.000Z',
        completedAt: '2026-12-03T10:00:00.000Z',
      });

      // Left alone when not given; cleared when null.
      await store.markComputed(id, new Date('2026-12-04T10:00:00Z'));
      expect(await store.getCampaign(id)).toMatchObject({
        completedAt: '2026-12-03T10:00:00.000Z',
      });
      await store.markComputed(id, new Date('2026-12-05T10:00:00Z'), null);
      expect(await store.getCampaign(id)).not.toHaveProperty('completedAt');
    });

    it('lists running campaigns by deadline before ended ones, page by page', async () => {
      const { store } = await createStore(databaseId);
      const make = (
        id: string,
        state: StoredCampaign['state'],
        deadline: string,
      ) =>
        store.createCampaign(
          campaign({ id, state, deadline: `${deadline}T00:00:00.000Z` }),
          launched(),
        );
      await make('e-ended-early', 'ended', '2026-12-10');
      await make('d-late', 'active', '2027-03-01');
      await make('c-paused', 'paused', '2027-01-01');
      await make('b-same-deadline', 'active', '2027-02-01');
      await make('a-same-deadline', 'active', '2027-02-01');

      const ids: string[][] = [];
      let cursor: string | undefined;
      do {
        const page = await store.listCampaigns({ cursor, limit: 2 });
        ids.push(page.items.map(c => c.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(ids).toEqual([
        ['c-paused', 'a-same-deadline'],
        ['b-same-deadline', 'd-late'],
        ['e-ended-early'],
      ]);

      const running = await store.listCampaigns({
        states: ['active'],
        limit: 10,
      });
      expect(running.items.map(c => c.id)).toEqual([
        'a-same-deadline',
        'b-same-deadline',
        'd-late',
      ]);
      expect(running.nextCursor).toBeUndefined();

      await expect(
        store.listCampaigns({ cursor: 'not-a-cursor', limit: 2 }),
      ).rejects.toThrow(InputError);
    });

    it("keeps an entity's since while its status stays, and removes rows no longer given", async () => {
      const { store } = await createStore(databaseId);
      const { id } = campaign();
      await store.replaceEntities(id, [
        row('cart'),
        row('shop'),
        done('docs'),
        row('gone'),
      ]);

      const later = '2026-12-03T10:00:00.000Z';
      await store.replaceEntities(id, [
        // Still open, with another message: since kept.
        row('cart', {
          since: later,
          items: [
            { ...pdbItem, message: 'Its PodDisruptionBudget selects no pods' },
          ],
        }),
        // Fixed: since moves.
        done('shop', { since: later }),
        // Unchanged.
        done('docs', { since: later }),
        // New.
        row('api', { since: later, owner: null }),
      ]);
      const { items } = await store.listEntities(id, {}, { limit: 10 });
      expect(items).toEqual([
        row('api', { since: later, owner: null }),
        row('cart', {
          items: [
            { ...pdbItem, message: 'Its PodDisruptionBudget selects no pods' },
          ],
        }),
        done('docs'),
        done('shop', { since: later }),
      ]);

      // Upserting leaves the rows not named alone.
      const latest = '2026-12-04T10:00:00.000Z';
      await store.upsertEntities(
        id,
        [
          row('docs', { since: latest }),
          row('cart', { since: latest, owner: 'group:default/team-b' }),
        ],
        ['component:default/api'],
      );
      const after = await store.listEntities(id, {}, { limit: 10 });
      expect(after.items).toEqual([
        row('cart', { owner: 'group:default/team-b' }),
        row('docs', { since: latest }),
        done('shop', { since: later }),
      ]);
      expect(await store.getEntityRows('component:default/cart')).toEqual(
        new Map([[id, row('cart', { owner: 'group:default/team-b' })]]),
      );
    });

    it('writes a scope of thousands of rows, and replaces it with a smaller one', async () => {
      const { store } = await createStore(databaseId);
      const { id } = campaign();
      const names = Array.from(
        { length: 2500 },
        (_, i) => `svc-${String(i).padStart(4, '0')}`,
      );
      await store.replaceEntities(
        id,
        names.map(name => row(name)),
      );
      const later = '2026-12-03T10:00:00.000Z';
      await store.replaceEntities(
        id,
        names
          .slice(0, 2000)
          .map((name, i) =>
            i % 2 ? done(name, { since: later }) : row(name, { since: later }),
          ),
      );
      expect(await store.getFigures([id])).toEqual(
        new Map([[id, { total: 2000, done: 1000, exempt: 0, open: 1000 }]]),
      );
      const last = await store.listEntities(
        id,
        { status: 'open' },
        { limit: 1000 },
      );
      expect(last.items.every(r => r.since === row('x').since)).toBe(true);
      const fixed = await store.listEntities(
        id,
        { status: 'done' },
        { limit: 1000 },
      );
      expect(fixed.items.every(r => r.since === later)).toBe(true);
    });

    it('lists entities open, then exempt, then done, by ref, page by page, filtered', async () => {
      const { store } = await createStore(databaseId);
      const { id } = campaign();
      const teamB = 'group:default/team-b';
      await store.replaceEntities(id, [
        done('a1'),
        row('b2', { owner: teamB }),
        row('a2'),
        row('b1', { status: 'exempt', owner: teamB }),
        done('c1', { owner: teamB }),
        row('c2', { status: 'exempt' }),
      ]);
      await store.replaceEntities('other', [row('zz')]);

      const pages: string[][] = [];
      let cursor: string | undefined;
      do {
        const page = await store.listEntities(id, {}, { cursor, limit: 2 });
        expect(page.totalItems).toBe(6);
        pages.push(page.items.map(e => e.entityRef.split('/')[1]));
        cursor = page.nextCursor;
      } while (cursor);
      expect(pages).toEqual([
        ['a2', 'b2'],
        ['b1', 'c2'],
        ['a1', 'c1'],
      ]);

      const ofTeamB = await store.listEntities(
        id,
        { owner: teamB },
        { limit: 2 },
      );
      expect(ofTeamB.items.map(e => e.entityRef.split('/')[1])).toEqual([
        'b2',
        'b1',
      ]);
      expect(ofTeamB.totalItems).toBe(3);
      const rest = await store.listEntities(
        id,
        { owner: teamB },
        { limit: 2, cursor: ofTeamB.nextCursor },
      );
      expect(rest.items.map(e => e.entityRef.split('/')[1])).toEqual(['c1']);
      expect(rest.nextCursor).toBeUndefined();

      const exempt = await store.listEntities(
        id,
        { status: 'exempt' },
        { limit: 10 },
      );
      expect(exempt.items.map(e => e.entityRef.split('/')[1])).toEqual([
        'b1',
        'c2',
      ]);
      expect(exempt.totalItems).toBe(2);

      // A cursor of the whole list is not one of the exempt ones.
      const whole = await store.listEntities(id, {}, { limit: 1 });
      await expect(
        store.listEntities(
          id,
          { status: 'exempt' },
          { limit: 2, cursor: whole.nextCursor },
        ),
      ).rejects.toThrow(InputError);
      await expect(
        store.listEntities(id, {}, { limit: 2, cursor: 'bm9wZQ' }),
      ).rejects.toThrow(InputError);
    });

    it("counts each campaign's figures and its teams', most open first", async () => {
      const { store } = await createStore(databaseId);
      const teamA = 'group:default/team-a';
      const teamB = 'group:default/team-b';
      const teamC = 'group:default/team-c';
      await store.replaceEntities('one', [
        row('a1'),
        done('a2'),
        row('b1', { owner: teamB }),
        row('b2', { owner: teamB }),
        row('b3', { owner: teamB, status: 'exempt' }),
        row('c1', { owner: teamC }),
        row('n1', { owner: null }),
        done('n2', { owner: null }),
      ]);
      await store.replaceEntities('two', [done('x')]);

      expect(await store.getFigures(['one', 'two', 'none'])).toEqual(
        new Map([
          ['one', { total: 8, done: 2, exempt: 1, open: 5 }],
          ['two', { total: 1, done: 1, exempt: 0, open: 0 }],
          ['none', { total: 0, done: 0, exempt: 0, open: 0 }],
        ]),
      );
      expect(await store.getFigures([])).toEqual(new Map());

      expect(await store.getTeams('one')).toEqual([
        { owner: teamB, total: 3, done: 0, exempt: 1, open: 2 },
        { owner: teamA, total: 2, done: 1, exempt: 0, open: 1 },
        { owner: teamC, total: 1, done: 0, exempt: 0, open: 1 },
        { owner: null, total: 2, done: 1, exempt: 0, open: 1 },
      ]);
      expect(await store.getTeams('none')).toEqual([]);

      expect(await store.getOpenRowsOfOwner(teamB, ['one', 'two'])).toEqual(
        new Map([
          ['one', [row('b1', { owner: teamB }), row('b2', { owner: teamB })]],
        ]),
      );
    });

    it('keeps the burn-up a point a day, oldest first', async () => {
      const { store } = await createStore(databaseId);
      const point = (day: string, doneCount: number) => ({
        day,
        total: 10,
        done: doneCount,
        exempt: 1,
      });
      await store.recordDay('one', point('2026-12-02', 3));
      await store.recordDay('one', point('2026-12-01', 2));
      await store.recordDay('one', point('2026-12-02', 4));
      await store.recordDay('two', point('2026-12-02', 9));
      expect(await store.getBurnUp('one')).toEqual([
        point('2026-12-01', 2),
        point('2026-12-02', 4),
      ]);

      await store.replaceDays('one', [
        point('2026-11-29', 0),
        point('2026-11-30', 1),
        point('2026-12-01', 1),
      ]);
      expect(await store.getBurnUp('one')).toEqual([
        point('2026-11-29', 0),
        point('2026-11-30', 1),
        point('2026-12-01', 1),
      ]);
      expect(await store.getBurnUp('two')).toEqual([point('2026-12-02', 9)]);
      expect(await store.getBurnUp('none')).toEqual([]);
    });
  },
);
