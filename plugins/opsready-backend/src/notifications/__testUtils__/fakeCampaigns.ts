/* An in-memory stand-in for the campaign store's reads the notices use. */
import type {
  CampaignEntity,
  CampaignTeam,
} from '@opsready/plugin-opsready-common';
import type { CampaignsStore, StoredCampaign } from '../../campaigns/types';

/** A campaign as stored, with what a test does not care about filled in. */
export function storedCampaign(
  fields: Partial<StoredCampaign> & Pick<StoredCampaign, 'id'>,
): StoredCampaign {
  return {
    name: 'PDBs everywhere',
    description: '',
    rationale: '',
    goal: { checks: ['kubernetes.pdb'] },
    scope: { lifecycles: ['production'] },
    startsAt: '2026-12-01T09:00:00.000Z',
    deadline: '2026-12-24T17:00:00.000Z',
    owner: 'group:default/platform',
    enforce: false,
    state: 'active',
    createdBy: 'user:default/ada.lovelace',
    createdAt: '2026-11-30T09:00:00.000Z',
    updatedAt: '2026-11-30T09:00:00.000Z',
    ...fields,
  };
}

/** An entity's row in a campaign: open with the items titled, else done. */
export function entityRow(
  entityRef: string,
  owner: string,
  itemTitles: string[] = [],
): CampaignEntity {
  return {
    entityRef,
    owner,
    status: itemTitles.length > 0 ? 'open' : 'done',
    items: itemTitles.map(title => ({ type: 'check', title })),
    since: '2026-12-01T09:00:00.000Z',
  };
}

export type FakeCampaigns = Pick<
  CampaignsStore,
  'getCampaign' | 'getTeams' | 'getOpenRowsOfOwner' | 'listCampaigns'
> & {
  campaigns: Map<string, StoredCampaign>;
  rows: Map<string, CampaignEntity[]>;
};

export function fakeCampaigns(
  campaigns: StoredCampaign[] = [],
  rows: Record<string, CampaignEntity[]> = {},
): FakeCampaigns {
  const byId = new Map(campaigns.map(c => [c.id, c]));
  const rowsById = new Map(Object.entries(rows));
  return {
    campaigns: byId,
    rows: rowsById,
    async getCampaign(id) {
      return byId.get(id);
    },
    async getTeams(id) {
      const teams = new Map<string, CampaignTeam>();
      for (const row of rowsById.get(id) ?? []) {
        const owner = row.owner ?? '';
        const team = teams.get(owner) ?? {
          owner,
          total: 0,
          done: 0,
          exempt: 0,
          open: 0,
        };
        team.total += 1;
        team[row.status] += 1;
        teams.set(owner, team);
      }
      return [...teams.values()].sort(
        (a, b) =>
          b.open - a.open || (a.owner ?? '').localeCompare(b.owner ?? ''),
      );
    },
    async getOpenRowsOfOwner(owner, campaignIds) {
      const found = new Map<string, CampaignEntity[]>();
      for (const id of campaignIds) {
        const open = (rowsById.get(id) ?? []).filter(
          r => r.owner === owner && r.status === 'open',
        );
        if (open.length > 0) found.set(id, open);
      }
      return found;
    },
    async listCampaigns({ states, cursor, limit }) {
      const all = [...byId.values()]
        .filter(c => !states || states.includes(c.state))
        .sort((a, b) => a.id.localeCompare(b.id));
      const from = cursor ? Number(cursor) : 0;
      const items = all.slice(from, from + limit);
      return {
        items,
        nextCursor:
          from + limit < all.length ? String(from + limit) : undefined,
      };
    },
  };
}
