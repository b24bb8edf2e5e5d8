/*
 * A CampaignsStore in memory, for the tests of what uses one: it keeps the
 * contract of types.ts (orders, `since` kept on an unchanged status,
 * history newest first), not the database's way of keeping it.
 */
import {
  BurnUpPoint,
  CampaignChange,
  CampaignFigures,
  CampaignTeam,
} from '@opsready/plugin-opsready-common';
import {
  CampaignEntityRow,
  CampaignHistory,
  CampaignsStore,
  StoredCampaign,
} from '../types';

const STATUS_ORDER = { open: 0, exempt: 1, done: 2 } as const;

function figuresOf(rows: CampaignEntityRow[]): CampaignFigures {
  const count = (status: CampaignEntityRow['status']) =>
    rows.filter(r => r.status === status).length;
  return {
    total: rows.length,
    done: count('done'),
    exempt: count('exempt'),
    open: count('open'),
  };
}

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value));

export class MemoryCampaignsStore implements CampaignsStore {
  readonly campaigns = new Map<string, StoredCampaign>();
  readonly histories = new Map<string, CampaignChange[]>();
  readonly rows = new Map<string, Map<string, CampaignEntityRow>>();
  readonly days = new Map<string, BurnUpPoint[]>();
  /** What readHistory answers from; a test fills it in. */
  history: CampaignHistory = {
    checkChanges: [],
    levelChanges: [],
    exemptions: [],
  };

  async createCampaign(campaign: StoredCampaign, change: CampaignChange) {
    this.campaigns.set(campaign.id, copy(campaign));
    this.histories.set(campaign.id, [copy(change)]);
  }

  async updateCampaign(campaign: StoredCampaign, change: CampaignChange) {
    if (!this.campaigns.has(campaign.id)) {
      throw new Error(`No campaign ${campaign.id}`);
    }
    this.campaigns.set(campaign.id, copy(campaign));
    this.histories.get(campaign.id)!.unshift(copy(change));
  }

  async getCampaign(id: string) {
    const campaign = this.campaigns.get(id);
    return campaign && copy(campaign);
  }

  async listCampaigns(options: {
    states?: StoredCampaign['state'][];
    cursor?: string;
    limit: number;
  }) {
    const sorted = [...this.campaigns.values()]
      .filter(c => !options.states || options.states.includes(c.state))
      .sort(
        (a, b) =>
          Number(a.state === 'ended') - Number(b.state === 'ended') ||
          a.deadline.localeCompare(b.deadline) ||
          a.id.localeCompare(b.id),
      );
    const offset = options.cursor ? Number(options.cursor) : 0;
    const items = sorted.slice(offset, offset + options.limit).map(copy);
    const next = offset + options.limit;
    return {
      items,
      ...(next < sorted.length ? { nextCursor: String(next) } : {}),
    };
  }

  async getHistory(campaignId: string) {
    return copy(this.histories.get(campaignId) ?? []);
  }

  async markComputed(campaignId: string, at: Date, completedAt?: Date | null) {
    const campaign = this.campaigns.get(campaignId);
    if (!campaign) return;
    campaign.computedAt = at.toISOString();
    if (completedAt) campaign.completedAt = completedAt.toISOString();
    if (completedAt === null) delete campaign.completedAt;
  }

  private rowsOf(campaignId: string) {
    let rows = this.rows.get(campaignId);
    if (!rows) {
      rows = new Map();
      this.rows.set(campaignId, rows);
    }
    return rows;
  }

  private write(campaignId: string, rows: CampaignEntityRow[]) {
    const kept = this.rowsOf(campaignId);
    for (const row of rows) {
      const before = kept.get(row.entityRef);
      kept.set(row.entityRef, {
        ...copy(row),
        since:
          before && before.status === row.status ? before.since : row.since,
      });
    }
  }

  async replaceEntities(campaignId: string, rows: CampaignEntityRow[]) {
    const kept = this.rowsOf(campaignId);
    const refs = new Set(rows.map(r => r.entityRef));
    for (const ref of [...kept.keys()]) {
      if (!refs.has(ref)) kept.delete(ref);
    }
    this.write(campaignId, rows);
  }

  async upsertEntities(
    campaignId: string,
    rows: CampaignEntityRow[],
    removed: string[],
  ) {
    const kept = this.rowsOf(campaignId);
    removed.forEach(ref => kept.delete(ref));
    this.write(campaignId, rows);
  }

  async listEntities(
    campaignId: string,
    filter: { status?: CampaignEntityRow['status']; owner?: string },
    page: { cursor?: string; limit: number },
  ) {
    const matching = [...this.rowsOf(campaignId).values()]
      .filter(r => !filter.status || r.status === filter.status)
      .filter(r => !filter.owner || r.owner === filter.owner)
      .sort(
        (a, b) =>
          STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
          a.entityRef.localeCompare(b.entityRef),
      );
    const offset = page.cursor ? Number(page.cursor) : 0;
    const next = offset + page.limit;
    return {
      items: matching.slice(offset, next).map(copy),
      totalItems: matching.length,
      ...(next < matching.length ? { nextCursor: String(next) } : {}),
    };
  }

  async getEntityRows(entityRef: string) {
    const found = new Map<string, CampaignEntityRow>();
    for (const [campaignId, rows] of this.rows) {
      const row = rows.get(entityRef);
      if (row) found.set(campaignId, copy(row));
    }
    return found;
  }

  async getOpenRowsOfOwner(owner: string, campaignIds: string[]) {
    const found = new Map<string, CampaignEntityRow[]>();
    for (const campaignId of campaignIds) {
      const open = [...this.rowsOf(campaignId).values()]
        .filter(r => r.owner === owner && r.status === 'open')
        .sort((a, b) => a.entityRef.localeCompare(b.entityRef));
      if (open.length) found.set(campaignId, open.map(copy));
    }
    return found;
  }

  async getFigures(campaignIds: string[]) {
    return new Map(
      campaignIds.map(id => [id, figuresOf([...this.rowsOf(id).values()])]),
    );
  }

  async getTeams(campaignId: string): Promise<CampaignTeam[]> {
    const byOwner = new Map<string, CampaignEntityRow[]>();
    for (const row of this.rowsOf(campaignId).values()) {
      if (!row.owner) continue;
      byOwner.set(row.owner, [...(byOwner.get(row.owner) ?? []), row]);
    }
    return [...byOwner.entries()]
      .map(([owner, rows]) => ({ owner, ...figuresOf(rows) }))
      .sort((a, b) => b.open - a.open || a.owner.localeCompare(b.owner));
  }

  async recordDay(campaignId: string, point: BurnUpPoint) {
    const days = (this.days.get(campaignId) ?? []).filter(
      p => p.day !== point.day,
    );
    days.push(copy(point));
    days.sort((a, b) => a.day.localeCompare(b.day));
    this.days.set(campaignId, days);
  }

  async replaceDays(campaignId: string, points: BurnUpPoint[]) {
    this.days.set(
      campaignId,
      copy(points).sort((a, b) => a.day.localeCompare(b.day)),
    );
  }

  async getBurnUp(campaignId: string) {
    return copy(this.days.get(campaignId) ?? []);
  }

  async readHistory(
    entityRefs: string[],
    checkIds: string[],
    until: Date,
  ): Promise<CampaignHistory> {
    const refs = new Set(entityRefs);
    return {
      checkChanges: this.history.checkChanges.filter(
        c =>
          refs.has(c.entityRef) &&
          checkIds.includes(c.checkId) &&
          c.changedAt <= until,
      ),
      levelChanges: this.history.levelChanges.filter(
        c => refs.has(c.entityRef) && c.changedAt <= until,
      ),
      exemptions: this.history.exemptions.filter(
        e =>
          refs.has(e.entityRef) &&
          checkIds.includes(e.checkId) &&
          e.from <= until,
      ),
    };
  }
}
