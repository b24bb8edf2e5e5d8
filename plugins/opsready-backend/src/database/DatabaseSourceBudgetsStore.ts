import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { DbNumber } from './dbValues';
import { migratedClient } from './migrate';

const TABLE = 'opsready_source_budgets';

interface BudgetRow {
  host: string;
  tokens: DbNumber;
  refilled_at: DbNumber;
}

/** A host's token bucket: how full it may get, and how fast it fills. */
export interface Bucket {
  capacity: number;
  /** Tokens added per millisecond. */
  ratePerMs: number;
}

/**
 * Token buckets in the database, one per integration host, so that every
 * replica spends one budget: the sweep on one, a push on another.
 */
export class DatabaseSourceBudgetsStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseSourceBudgetsStore> {
    return new DatabaseSourceBudgetsStore(
      await migratedClient(options.database),
    );
  }

  private constructor(private readonly db: Knex) {}

  /**
   * Takes `count` tokens if the bucket holds them now; else takes nothing
   * and says how long until it will. A bucket first met starts full.
   */
  async take(
    host: string,
    count: number,
    bucket: Bucket,
    now: number,
  ): Promise<{ granted: boolean; waitMs: number }> {
    return this.db.transaction(async trx => {
      let row = await this.lockedRow(trx, host);
      if (!row) {
        // First met: the bucket starts full. Another replica may insert it
        // at the same moment; either row is the same full bucket.
        await trx<BudgetRow>(TABLE)
          .insert({ host, tokens: bucket.capacity, refilled_at: now })
          .onConflict('host')
          .ignore();
        row = await this.lockedRow(trx, host);
      }
      const elapsed = Math.max(0, now - Number(row!.refilled_at));
      const tokens = Math.min(
        bucket.capacity,
        Number(row!.tokens) + elapsed * bucket.ratePerMs,
      );
      if (tokens < count) {
        return {
          granted: false,
          waitMs: Math.ceil((count - tokens) / bucket.ratePerMs),
        };
      }
      await trx<BudgetRow>(TABLE)
        .where({ host })
        .update({ tokens: tokens - count, refilled_at: now });
      return { granted: true, waitMs: 0 };
    });
  }

  /** Returns tokens taken for requests that were not made. */
  async giveBack(host: string, count: number, bucket: Bucket): Promise<void> {
    await this.db.transaction(async trx => {
      const row = await this.lockedRow(trx, host);
      if (!row) return;
      await trx<BudgetRow>(TABLE)
        .where({ host })
        .update({
          tokens: Math.min(bucket.capacity, Number(row.tokens) + count),
        });
    });
  }

  /** The host's row, locked until the transaction ends. */
  private lockedRow(
    trx: Knex.Transaction,
    host: string,
  ): Promise<BudgetRow | undefined> {
    const query = trx<BudgetRow>(TABLE).where({ host });
    // SQLite runs one write transaction at a time; PostgreSQL needs the lock.
    return (
      this.db.client.config.client === 'pg' ? query.forUpdate() : query
    ).first();
  }
}
