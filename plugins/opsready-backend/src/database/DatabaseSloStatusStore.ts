import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { CHUNK, chunks, DbBoolean, DbTime, iso } from './dbValues';
import { migratedClient } from './migrate';
import { SloStatusStore, StoredSloStatus } from './SloStatusStore';

const TABLE = 'opsready_slo_status';

/** A row of `opsready_slo_status`. */
interface StatusRow {
  entity_ref: string;
  measured_at: DbTime;
  source: string;
  objectives: string;
  sli: string;
  budget: string | null;
  alerts: string;
  problems: string;
  burn_rate_1h: number | null;
  budget_remaining: number | null;
  latency_met: DbBoolean | null;
}

function toRow(status: StoredSloStatus): StatusRow {
  return {
    entity_ref: status.entityRef,
    measured_at: new Date(status.measuredAt),
    source: status.source,
    objectives: JSON.stringify(status.objectives),
    sli: JSON.stringify(status.sli),
    budget: status.budget ? JSON.stringify(status.budget) : null,
    alerts: JSON.stringify(status.alerts),
    problems: JSON.stringify(status.problems),
    burn_rate_1h: status.burnRate1h ?? null,
    budget_remaining: status.budget?.remaining ?? null,
    latency_met: status.latencyMet ?? null,
  };
}

function toStatus(row: StatusRow): StoredSloStatus {
  return {
    entityRef: row.entity_ref,
    measuredAt: iso(row.measured_at),
    source: row.source as StoredSloStatus['source'],
    objectives: JSON.parse(row.objectives),
    sli: JSON.parse(row.sli),
    ...(row.budget ? { budget: JSON.parse(row.budget) } : {}),
    alerts: JSON.parse(row.alerts),
    ...(row.burn_rate_1h !== null
      ? { burnRate1h: Number(row.burn_rate_1h) }
      : {}),
    ...(row.latency_met !== null ? { latencyMet: !!row.latency_met } : {}),
    problems: JSON.parse(row.problems),
  };
}

/** The knex-backed store of SLO statuses, on SQLite or PostgreSQL. */
export class DatabaseSloStatusStore implements SloStatusStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseSloStatusStore> {
    return new DatabaseSloStatusStore(await migratedClient(options.database));
  }

  private constructor(private readonly db: Knex) {}

  async saveStatuses(statuses: StoredSloStatus[]): Promise<void> {
    // The last status of an entity in the batch wins, as it would one by one.
    const rows = [
      ...new Map(statuses.map(s => [s.entityRef, toRow(s)])).values(),
    ];
    for (const chunk of chunks(rows, CHUNK)) {
      await this.db<StatusRow>(TABLE)
        .insert(chunk)
        .onConflict('entity_ref')
        .merge();
    }
  }

  async getStatus(entityRef: string): Promise<StoredSloStatus | undefined> {
    const row = await this.db<StatusRow>(TABLE)
      .where('entity_ref', entityRef)
      .first();
    return row ? toStatus(row) : undefined;
  }

  async listByBurnRate(options: {
    limit: number;
    offset?: number;
    minBurnRate?: number;
    entityRefs?: string[];
  }): Promise<StoredSloStatus[]> {
    const query = this.db<StatusRow>(TABLE)
      .whereNotNull('burn_rate_1h')
      .orderBy([
        { column: 'burn_rate_1h', order: 'desc' },
        { column: 'entity_ref', order: 'asc' },
      ])
      .limit(options.limit)
      .offset(options.offset ?? 0);
    if (options.minBurnRate !== undefined) {
      query.where('burn_rate_1h', '>', options.minBurnRate);
    }
    if (options.entityRefs) {
      if (options.entityRefs.length === 0) return [];
      // A filter of a few entities (an owner's); chunked beyond the bind limit.
      const refs = options.entityRefs;
      query.where(q => {
        for (const chunk of chunks(refs, CHUNK)) {
          q.orWhereIn('entity_ref', chunk);
        }
      });
    }
    return (await query).map(toStatus);
  }

  async deleteStatuses(entityRefs: string[]): Promise<number> {
    let deleted = 0;
    for (const chunk of chunks([...new Set(entityRefs)], CHUNK)) {
      deleted += await this.db<StatusRow>(TABLE)
        .whereIn('entity_ref', chunk)
        .del();
    }
    return deleted;
  }
}
