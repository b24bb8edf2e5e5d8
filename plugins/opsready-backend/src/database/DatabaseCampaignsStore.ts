import { DatabaseService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import type {
  BurnUpPoint,
  CampaignChange,
  CampaignEntity,
  CampaignFigures,
  CampaignTeam,
} from '@opsready/plugin-opsready-common';
import { Knex } from 'knex';
import type {
  CampaignEntityRow,
  CampaignHistory,
  CampaignsStore,
  StoredCampaign,
  StoredCampaignState,
} from '../campaigns/types';
import {
  deleteEntityRows,
  entityRefsNotIn,
  writeEntityRows,
} from './campaignEntityWrites';
import { readCampaignHistory } from './campaignHistoryReads';
import {
  CAMPAIGNS,
  CampaignRow,
  DAYS,
  DayRow,
  ENTITIES,
  EntityRow,
  HISTORY,
  HistoryRow,
  toCampaignEntity,
  toCampaignRow,
  toChange,
  toDayRow,
  toHistoryRow,
  toPoint,
  toStoredCampaign,
} from './campaignRows';
import { campaignFigures, teamFigures } from './campaignFigures';
import { chunks, iso } from './dbValues';
import { migratedClient } from './migrate';
import { notACursor, readSegmentedPage } from './segmentedPaging';

/** Running campaigns are listed before ended ones. */
const NOT_ENDED: StoredCampaignState[] = ['active', 'paused'];
/** The entities of a campaign are listed open first, then exempt, then done. */
const ENTITY_ORDER: CampaignEntity['status'][] = ['open', 'exempt', 'done'];
// Campaign ids per statement.
const IDS_PER_QUERY = 500;
// Burn-up points per insert: SQLite takes up to 500 rows in one.
const DAYS_PER_INSERT = 500;

/** The knex-backed store of campaigns and their progress, on SQLite or PostgreSQL. */
export class DatabaseCampaignsStore implements CampaignsStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseCampaignsStore> {
    return new DatabaseCampaignsStore(await migratedClient(options.database));
  }

  private constructor(private readonly db: Knex) {}

  async createCampaign(
    campaign: StoredCampaign,
    change: CampaignChange,
  ): Promise<void> {
    await this.db.transaction(async tx => {
      await tx<CampaignRow>(CAMPAIGNS).insert(toCampaignRow(campaign));
      await tx<HistoryRow>(HISTORY).insert(toHistoryRow(campaign.id, change));
    });
  }

  async updateCampaign(
    campaign: StoredCampaign,
    change: CampaignChange,
  ): Promise<void> {
    await this.db.transaction(async tx => {
      const { id, ...fields } = toCampaignRow(campaign);
      const updated = await tx<CampaignRow>(CAMPAIGNS)
        .where('id', id)
        .update(fields);
      if (updated === 0) {
        throw new NotFoundError('No such campaign');
      }
      await tx<HistoryRow>(HISTORY).insert(toHistoryRow(id, change));
    });
  }

  async getCampaign(id: string): Promise<StoredCampaign | undefined> {
    const row = await this.db<CampaignRow>(CAMPAIGNS).where('id', id).first();
    return row && toStoredCampaign(row);
  }

  async listCampaigns(options: {
    states?: StoredCampaignState[];
    cursor?: string;
    limit: number;
  }): Promise<{ items: StoredCampaign[]; nextCursor?: string }> {
    const states = options.states ?? [...NOT_ENDED, 'ended'];
    const segments = {
      running: NOT_ENDED.filter(s => states.includes(s)),
      ended: states.includes('ended') ? ['ended'] : [],
    };
    const { rows, nextCursor } = await readSegmentedPage<CampaignRow>(
      {
        names: ['running', 'ended'],
        keyLength: 2,
        read: async (segment, after, limit) => {
          const inSegment = segments[segment as keyof typeof segments];
          if (inSegment.length === 0) return [];
          const query = this.db<CampaignRow>(CAMPAIGNS)
            .whereIn('state', inSegment)
            .orderBy([{ column: 'deadline' }, { column: 'id' }])
            .limit(limit);
          if (after) {
            const deadline = new Date(after[0]);
            if (Number.isNaN(deadline.getTime())) throw notACursor();
            query
              .where('deadline', '>=', deadline)
              .where(next =>
                next
                  .where('deadline', '>', deadline)
                  .orWhere('id', '>', after[1]),
              );
          }
          return query;
        },
        keyOf: row => [iso(row.deadline), row.id],
      },
      options,
    );
    return {
      items: rows.map(toStoredCampaign),
      ...(nextCursor ? { nextCursor } : {}),
    };
  }

  async getHistory(campaignId: string): Promise<CampaignChange[]> {
    const rows = await this.db<HistoryRow>(HISTORY)
      .where('campaign_id', campaignId)
      .orderBy([
        { column: 'changed_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ]);
    return rows.map(toChange);
  }

  async markComputed(
    campaignId: string,
    at: Date,
    completedAt?: Date | null,
  ): Promise<void> {
    await this.db<CampaignRow>(CAMPAIGNS)
      .where('id', campaignId)
      .update({
        computed_at: at,
        ...(completedAt !== undefined ? { completed_at: completedAt } : {}),
      });
  }

  async replaceEntities(
    campaignId: string,
    rows: CampaignEntityRow[],
  ): Promise<void> {
    await this.db.transaction(async tx => {
      const gone = await entityRefsNotIn(tx, campaignId, rows);
      await deleteEntityRows(tx, campaignId, gone);
      await writeEntityRows(tx, campaignId, rows);
    });
  }

  async upsertEntities(
    campaignId: string,
    rows: CampaignEntityRow[],
    removed: string[],
  ): Promise<void> {
    await this.db.transaction(async tx => {
      await deleteEntityRows(tx, campaignId, removed);
      await writeEntityRows(tx, campaignId, rows);
    });
  }

  async listEntities(
    campaignId: string,
    filter: { status?: CampaignEntity['status']; owner?: string },
    page: { cursor?: string; limit: number },
  ): Promise<{
    items: CampaignEntityRow[];
    totalItems: number;
    nextCursor?: string;
  }> {
    const filtered = () => {
      const query = this.db<EntityRow>(ENTITIES).where(
        'campaign_id',
        campaignId,
      );
      if (filter.status) query.where('status', filter.status);
      if (filter.owner !== undefined) query.where('owner', filter.owner);
      return query;
    };
    const { rows, nextCursor } = await readSegmentedPage<EntityRow>(
      {
        names: filter.status ? [filter.status] : ENTITY_ORDER,
        keyLength: 1,
        read: async (status, after, limit) => {
          const query = filtered()
            .where('status', status)
            .orderBy('entity_ref')
            .limit(limit);
          if (after) query.where('entity_ref', '>', after[0]);
          return query;
        },
        keyOf: row => [row.entity_ref],
      },
      page,
    );
    const [{ count }] = await filtered().count({ count: '*' });
    return {
      items: rows.map(toCampaignEntity),
      totalItems: Number(count),
      ...(nextCursor ? { nextCursor } : {}),
    };
  }

  async getEntityRows(
    entityRef: string,
  ): Promise<Map<string, CampaignEntityRow>> {
    const rows = await this.db<EntityRow>(ENTITIES)
      .where('entity_ref', entityRef)
      .orderBy('campaign_id');
    return new Map(rows.map(row => [row.campaign_id, toCampaignEntity(row)]));
  }

  async getOpenRowsOfOwner(
    owner: string,
    campaignIds: string[],
  ): Promise<Map<string, CampaignEntityRow[]>> {
    const byCampaign = new Map<string, CampaignEntityRow[]>();
    for (const batch of chunks(campaignIds, IDS_PER_QUERY)) {
      const rows = await this.db<EntityRow>(ENTITIES)
        .whereIn('campaign_id', batch)
        .where({ owner, status: 'open' })
        .orderBy([{ column: 'campaign_id' }, { column: 'entity_ref' }]);
      for (const row of rows) {
        const list = byCampaign.get(row.campaign_id) ?? [];
        list.push(toCampaignEntity(row));
        byCampaign.set(row.campaign_id, list);
      }
    }
    return byCampaign;
  }

  async getFigures(
    campaignIds: string[],
  ): Promise<Map<string, CampaignFigures>> {
    const figures = new Map<string, CampaignFigures>();
    for (const batch of chunks(campaignIds, IDS_PER_QUERY)) {
      for (const [id, f] of await campaignFigures(this.db, batch)) {
        figures.set(id, f);
      }
    }
    return figures;
  }

  getTeams(campaignId: string): Promise<CampaignTeam[]> {
    return teamFigures(this.db, campaignId);
  }

  async recordDay(campaignId: string, point: BurnUpPoint): Promise<void> {
    await this.db<DayRow>(DAYS)
      .insert(toDayRow(campaignId, point))
      .onConflict(['campaign_id', 'day'])
      .merge(['total', 'done', 'exempt']);
  }

  async replaceDays(campaignId: string, points: BurnUpPoint[]): Promise<void> {
    await this.db.transaction(async tx => {
      await tx<DayRow>(DAYS).where('campaign_id', campaignId).delete();
      // The last point of a day given twice.
      const byDay = new Map(points.map(p => [p.day, p]));
      for (const batch of chunks([...byDay.values()], DAYS_PER_INSERT)) {
        await tx<DayRow>(DAYS).insert(batch.map(p => toDayRow(campaignId, p)));
      }
    });
  }

  async getBurnUp(campaignId: string): Promise<BurnUpPoint[]> {
    const rows = await this.db<DayRow>(DAYS)
      .where('campaign_id', campaignId)
      .orderBy('day');
    return rows.map(toPoint);
  }

  readHistory(
    entityRefs: string[],
    checkIds: string[],
    until: Date,
  ): Promise<CampaignHistory> {
    return readCampaignHistory(this.db, entityRefs, checkIds, until);
  }
}
