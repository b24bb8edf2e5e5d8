import { Knex } from 'knex';
import { storeTestDatabases } from '../__testUtils__/testDatabases';
import { readCampaignHistory } from './campaignHistoryReads';
import { DatabaseCampaignsStore } from './DatabaseCampaignsStore';

jest.setTimeout(60_000);

const { databases, createStore } = storeTestDatabases(DatabaseCampaignsStore);

const at = (iso: string) => new Date(iso);
const cart = 'component:default/cart';
const shop = 'component:default/shop';
const other = 'component:default/other';
const pdb = 'kubernetes.pdb';
const probes = 'kubernetes.probes';

/** The history tables as the evaluations and the exemptions write them. */
async function seed(knex: Knex) {
  const result = (
    entityRef: string,
    checkId: string,
    status: string,
    changedAt: string,
  ) => ({
    entity_ref: entityRef,
    check_id: checkId,
    status,
    message: `${checkId} ${status}`,
    changed_at: at(changedAt),
  });
  await knex('opsready_check_result_history').insert([
    result(cart, pdb, 'fail', '2026-11-01T00:00:00Z'),
    result(cart, probes, 'pass', '2026-11-01T00:00:00Z'),
    result(cart, pdb, 'pass', '2026-12-03T00:00:00Z'),
    // Another check, another entity, and after `until`: not asked for.
    result(cart, 'docs.readme', 'fail', '2026-11-01T00:00:00Z'),
    result(other, pdb, 'fail', '2026-11-01T00:00:00Z'),
    result(shop, pdb, 'fail', '2026-11-02T00:00:00Z'),
    result(shop, pdb, 'pass', '2026-12-20T00:00:00Z'),
  ]);
  const score = (
    entityRef: string,
    value: number,
    level: string | null,
    recordedAt: string,
  ) => ({
    entity_ref: entityRef,
    score: value,
    level,
    recorded_at: at(recordedAt),
  });
  await knex('opsready_score_history').insert([
    score(cart, 40, null, '2026-11-01T00:00:00Z'),
    score(cart, 60, 'bronze', '2026-11-05T00:00:00Z'),
    // The score moved, the level did not.
    score(cart, 70, 'bronze', '2026-11-06T00:00:00Z'),
    score(cart, 80, 'silver', '2026-12-03T00:00:00Z'),
    score(other, 80, 'silver', '2026-11-01T00:00:00Z'),
    score(shop, 95, 'gold', '2026-12-20T00:00:00Z'),
  ]);
  const exemption = (
    id: string,
    fields: {
      entityRef?: string;
      checkId?: string;
      status: string;
      createdAt: string;
      decidedAt?: string;
      expiresAt: string;
      revokedAt?: string;
    },
  ) => ({
    id,
    entity_ref: fields.entityRef ?? shop,
    check_id: fields.checkId ?? pdb,
    reason: 'Singleton by design',
    expires_at: at(fields.expiresAt),
    created_by: 'user:default/pat',
    created_at: at(fields.createdAt),
    status: fields.status,
    decided_by: fields.decidedAt ? 'user:default/sam' : null,
    decided_at: fields.decidedAt ? at(fields.decidedAt) : null,
    revoked_at: fields.revokedAt ? at(fields.revokedAt) : null,
    revoked_by: fields.revokedAt ? 'user:default/sam' : null,
  });
  await knex('opsready_exemptions').insert([
    // Granted outright, later revoked.
    exemption('granted-outright', {
      status: 'granted',
      createdAt: '2026-11-10T00:00:00Z',
      decidedAt: '2026-11-10T00:00:00Z',
      expiresAt: '2027-01-01T00:00:00Z',
      revokedAt: '2026-11-20T00:00:00Z',
    }),
    // Asked for, granted a week later, expired.
    exemption('granted-later', {
      status: 'granted',
      createdAt: '2026-11-21T00:00:00Z',
      decidedAt: '2026-11-28T00:00:00Z',
      expiresAt: '2026-12-05T00:00:00Z',
    }),
    // Made before decisions were recorded.
    exemption('granted-before-requests', {
      entityRef: cart,
      status: 'granted',
      createdAt: '2026-10-01T00:00:00Z',
      expiresAt: '2026-10-15T00:00:00Z',
    }),
    // Never in force.
    exemption('declined', {
      status: 'declined',
      createdAt: '2026-11-21T00:00:00Z',
      decidedAt: '2026-11-22T00:00:00Z',
      expiresAt: '2027-01-01T00:00:00Z',
    }),
    exemption('waiting', {
      status: 'requested',
      createdAt: '2026-11-21T00:00:00Z',
      expiresAt: '2027-01-01T00:00:00Z',
    }),
    // Another check, another entity, and granted after `until`.
    exemption('other-check', {
      checkId: 'docs.readme',
      status: 'granted',
      createdAt: '2026-11-21T00:00:00Z',
      decidedAt: '2026-11-21T00:00:00Z',
      expiresAt: '2027-01-01T00:00:00Z',
    }),
    exemption('other-entity', {
      entityRef: other,
      status: 'granted',
      createdAt: '2026-11-21T00:00:00Z',
      decidedAt: '2026-11-21T00:00:00Z',
      expiresAt: '2027-01-01T00:00:00Z',
    }),
    exemption('too-late', {
      status: 'granted',
      createdAt: '2026-12-11T00:00:00Z',
      decidedAt: '2026-12-11T00:00:00Z',
      expiresAt: '2027-01-01T00:00:00Z',
    }),
  ]);
}

const expected = {
  checkChanges: [
    {
      entityRef: cart,
      checkId: pdb,
      status: 'fail',
      message: 'kubernetes.pdb fail',
      changedAt: at('2026-11-01T00:00:00Z'),
    },
    {
      entityRef: cart,
      checkId: probes,
      status: 'pass',
      message: 'kubernetes.probes pass',
      changedAt: at('2026-11-01T00:00:00Z'),
    },
    {
      entityRef: shop,
      checkId: pdb,
      status: 'fail',
      message: 'kubernetes.pdb fail',
      changedAt: at('2026-11-02T00:00:00Z'),
    },
    {
      entityRef: cart,
      checkId: pdb,
      status: 'pass',
      message: 'kubernetes.pdb pass',
      changedAt: at('2026-12-03T00:00:00Z'),
    },
  ],
  levelChanges: [
    { entityRef: cart, level: null, changedAt: at('2026-11-01T00:00:00Z') },
    { entityRef: cart, level: 'bronze', changedAt: at('2026-11-05T00:00:00Z') },
    { entityRef: cart, level: 'silver', changedAt: at('2026-12-03T00:00:00Z') },
  ],
  exemptions: [
    {
      entityRef: cart,
      checkId: pdb,
      from: at('2026-10-01T00:00:00Z'),
      until: at('2026-10-15T00:00:00Z'),
    },
    {
      entityRef: shop,
      checkId: pdb,
      from: at('2026-11-10T00:00:00Z'),
      until: at('2026-11-20T00:00:00Z'),
    },
    {
      entityRef: shop,
      checkId: pdb,
      from: at('2026-11-28T00:00:00Z'),
      until: at('2026-12-05T00:00:00Z'),
    },
  ],
};

/** Each kind of change in a fixed order, whichever way it was read. */
const sorted = (history: typeof expected) => ({
  checkChanges: [...history.checkChanges].sort(
    (a, b) =>
      a.changedAt.getTime() - b.changedAt.getTime() ||
      a.entityRef.localeCompare(b.entityRef) ||
      a.checkId.localeCompare(b.checkId),
  ),
  levelChanges: [...history.levelChanges].sort(
    (a, b) =>
      a.changedAt.getTime() - b.changedAt.getTime() ||
      a.entityRef.localeCompare(b.entityRef),
  ),
  exemptions: [...history.exemptions].sort(
    (a, b) => a.from.getTime() - b.from.getTime(),
  ),
});

describe.each(databases.eachSupportedId())(
  'DatabaseCampaignsStore.readHistory (%s)',
  databaseId => {
    it('reads the goal checks, levels and exemptions of the entities up to a time', async () => {
      const { knex, store } = await createStore(databaseId);
      await seed(knex);
      const until = at('2026-12-10T00:00:00Z');

      const history = await store.readHistory(
        [cart, shop],
        [pdb, probes],
        until,
      );
      expect(sorted(history)).toEqual(expected);

      // Asked by entity ref, or all read and the others dropped: the same.
      for (const byRef of [true, false]) {
        expect(
          sorted(
            await readCampaignHistory(
              knex,
              [cart, shop],
              [pdb, probes],
              until,
              {
                byRef,
              },
            ),
          ),
        ).toEqual(expected);
      }
    });

    it('reads nothing for no entities, and only levels for no checks', async () => {
      const { knex, store } = await createStore(databaseId);
      await seed(knex);
      const until = at('2026-12-10T00:00:00Z');
      expect(await store.readHistory([], [pdb], until)).toEqual({
        checkChanges: [],
        levelChanges: [],
        exemptions: [],
      });
      expect(sorted(await store.readHistory([cart], [], until))).toEqual({
        checkChanges: [],
        levelChanges: expected.levelChanges,
        exemptions: [],
      });
    });
  },
);
