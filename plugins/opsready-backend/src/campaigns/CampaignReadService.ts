import {
  CampaignChange,
  CampaignEntity,
  CampaignProgress,
  CampaignSummary,
  EntityCampaign,
  TeamCampaignItems,
} from '@opsready/plugin-opsready-common';
import stringify from 'csv-stringify/lib/sync';
import { allCampaigns } from './allCampaigns';
import { utcDay } from './campaignRows';
import {
  campaignOr404,
  shownState,
  summarize,
  toSummary,
} from './campaignSummaries';
import { projectCompletion } from './projection';
import {
  CampaignGateBlock,
  CampaignReads,
  CampaignsStore,
  StoredCampaign,
  StoredCampaignState,
} from './types';

/** Rows read per page when a whole campaign is exported. */
const EXPORT_PAGE = 500;

/**
 * A spreadsheet runs a cell that starts like a formula; such a value (a
 * campaign's name, a check's title) is kept as text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const asText = (value: string) =>
  FORMULA_START.test(value) ? `'${value}` : value;

/**
 * What can be read of campaigns, from the store: the summaries with their
 * figures and projections, progress, entities, the CSV export, an entity's
 * and a team's campaigns, and what fails the gate.
 */
export class CampaignReadService implements CampaignReads {
  protected readonly now: () => Date;

  constructor(
    protected readonly deps: {
      store: CampaignsStore;
      now?: () => Date;
    },
  ) {
    this.now = deps.now ?? (() => new Date());
  }

  async list(options: {
    state?: CampaignSummary['state'];
    cursor?: string;
    limit: number;
  }): Promise<{ items: CampaignSummary[]; nextCursor?: string }> {
    const { store } = this.deps;
    const now = this.now();
    const { state, limit } = options;
    // Scheduled and running campaigns are both stored active: a page is
    // filled from as many store pages as it takes, each read whole, so the
    // store's cursor stays exact.
    const stored: StoredCampaignState[] | undefined =
      state === 'scheduled' ? ['active'] : state && [state];
    const kept: StoredCampaign[] = [];
    let cursor = options.cursor;
    do {
      const page = await store.listCampaigns({
        states: stored,
        cursor,
        limit: limit - kept.length,
      });
      kept.push(
        ...page.items.filter(c => !state || shownState(c, now) === state),
      );
      cursor = page.nextCursor;
    } while (cursor && kept.length < limit);
    return {
      items: await summarize(store, kept, now),
      ...(cursor ? { nextCursor: cursor } : {}),
    };
  }

  async get(id: string): Promise<CampaignSummary> {
    const campaign = await campaignOr404(this.deps.store, id);
    const [summary] = await summarize(this.deps.store, [campaign], this.now());
    return summary;
  }

  async getHistory(id: string): Promise<CampaignChange[]> {
    await campaignOr404(this.deps.store, id);
    return this.deps.store.getHistory(id);
  }

  async getProgress(id: string): Promise<CampaignProgress> {
    const { store } = this.deps;
    const campaign = await campaignOr404(store, id);
    const [figures, burnUp, teams] = await Promise.all([
      store.getFigures([id]).then(all => all.get(id)!),
      store.getBurnUp(id),
      store.getTeams(id),
    ]);
    return {
      campaignId: id,
      figures,
      projection: projectCompletion({
        burnUp,
        figures,
        deadline: new Date(campaign.deadline),
        now: this.now(),
      }),
      burnUp,
      teams,
      ...(campaign.computedAt ? { computedAt: campaign.computedAt } : {}),
    };
  }

  async listEntities(
    id: string,
    filter: { status?: CampaignEntity['status']; owner?: string },
    page: { cursor?: string; limit: number },
  ) {
    await campaignOr404(this.deps.store, id);
    return this.deps.store.listEntities(id, filter, page);
  }

  async exportCsv(id: string): Promise<string> {
    const campaign = await campaignOr404(this.deps.store, id);
    const due = utcDay(new Date(campaign.deadline));
    const records: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await this.deps.store.listEntities(
        id,
        {},
        { cursor, limit: EXPORT_PAGE },
      );
      for (const row of page.items) {
        records.push([
          row.entityRef,
          row.owner ?? '',
          row.status,
          // What is left; an exempt entity's items are exempted, not left.
          row.status === 'open' ? row.items.map(i => i.title).join('; ') : '',
          due,
          campaign.name,
        ]);
      }
      cursor = page.nextCursor;
    } while (cursor);
    return stringify(records, {
      header: true,
      columns: ['entity', 'owner', 'status', 'items left', 'due', 'campaign'],
      cast: { string: asText },
    });
  }

  async getEntityCampaigns(entityRef: string): Promise<EntityCampaign[]> {
    const now = this.now();
    const rows = await this.deps.store.getEntityRows(entityRef);
    const found: EntityCampaign[] = [];
    for (const [campaignId, row] of rows) {
      const campaign = await this.deps.store.getCampaign(campaignId);
      if (!campaign || campaign.state === 'ended') continue;
      found.push({
        campaign: {
          id: campaign.id,
          name: campaign.name,
          state: shownState(campaign, now),
          deadline: campaign.deadline,
          owner: campaign.owner,
          enforce: campaign.enforce,
        },
        status: row.status,
        items: row.items,
        dueAt: campaign.deadline,
      });
    }
    return found.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  }

  async getTeamItems(owner: string): Promise<TeamCampaignItems[]> {
    const { store } = this.deps;
    const now = this.now();
    // Running: started, neither paused nor ended; soonest deadline first.
    const running = (await allCampaigns(store, ['active'])).filter(
      c => shownState(c, now) === 'active',
    );
    const open = await store.getOpenRowsOfOwner(
      owner,
      running.map(c => c.id),
    );
    const withItems = running.filter(c => open.get(c.id)?.length);
    const summaries = await summarize(store, withItems, now);
    return summaries.map(summary => ({
      campaign: {
        id: summary.id,
        name: summary.name,
        state: summary.state,
        deadline: summary.deadline,
        atRisk: summary.projection.atRisk,
      },
      entities: open.get(summary.id)!,
    }));
  }

  async getGateBlocks(
    entityRef: string,
    now: Date,
  ): Promise<CampaignGateBlock[]> {
    const rows = await this.deps.store.getEntityRows(entityRef);
    const blocks: CampaignGateBlock[] = [];
    for (const [campaignId, row] of rows) {
      if (row.status !== 'open') continue;
      const campaign = await this.deps.store.getCampaign(campaignId);
      if (
        !campaign?.enforce ||
        campaign.state !== 'active' ||
        Date.parse(campaign.deadline) >= now.getTime()
      ) {
        continue;
      }
      blocks.push({
        id: campaign.id,
        name: campaign.name,
        deadline: campaign.deadline,
        reason: `Campaign '${campaign.name}' was due ${utcDay(
          new Date(campaign.deadline),
        )}: ${row.items.map(i => i.title).join(', ')}`,
      });
    }
    return blocks.sort((a, b) => a.deadline.localeCompare(b.deadline));
  }

  /** The campaign as saved, with `figures` in place of the stored ones if given. */
  protected async summaryOf(
    campaign: StoredCampaign,
    figures?: CampaignSummary['figures'],
  ): Promise<CampaignSummary> {
    const now = this.now();
    if (!figures) {
      const [summary] = await summarize(this.deps.store, [campaign], now);
      return summary;
    }
    return toSummary(
      campaign,
      figures,
      projectCompletion({
        burnUp: [],
        figures,
        deadline: new Date(campaign.deadline),
        now,
      }),
      now,
    );
  }
}
