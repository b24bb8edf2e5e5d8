import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { chunks, DbNumber } from './dbValues';
import { migratedClient } from './migrate';
import { scorecardScoresTable } from './scorecardScoreRows';

// SQLite binds at most 999 parameters per statement; the other stores chunk
// entity refs by 200 too.
const CHUNK = 200;
const FAILING = ['fail', 'error'];

/** An entity's score and level on one scorecard. */
export interface RollupScore {
  /** 0-100, or null when no check of the scorecard applies. */
  score: number | null;
  /** The level reached, or null below the lowest. */
  level: string | null;
}

/** What a roll-up reads of the stored evaluations. */
export interface RollupReads {
  /**
   * The scores on the scorecard of those of these entities it scores; an
   * entity without a row (not evaluated yet, or out of the scorecard's
   * scope) is absent.
   */
  scores(
    entityRefs: string[],
    scorecardId: string,
  ): Promise<Map<string, RollupScore>>;
  /**
   * For each of these entities with a failing (or erring) check among
   * `checkIds`, those checks.
   */
  failingChecks(
    entityRefs: string[],
    checkIds: ReadonlyArray<string>,
  ): Promise<Map<string, string[]>>;
  /** How many of these entities fail each check of `checkIds` that any fails. */
  failingCounts(
    entityRefs: string[],
    checkIds: ReadonlyArray<string>,
  ): Promise<Map<string, number>>;
}

/**
 * The roll-ups' reads of `opsready_scorecard_scores` and
 * `opsready_check_results`, chunked by entity ref. The scorecard's checks
 * are filtered here rather than in SQL: a scorecard may score hundreds of
 * checks, which would not fit beside the refs in SQLite's parameter limit.
 */
export class DatabaseRollupReads implements RollupReads {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseRollupReads> {
    return new DatabaseRollupReads(await migratedClient(options.database));
  }

  constructor(private readonly db: Knex) {}

  async scores(
    entityRefs: string[],
    scorecardId: string,
  ): Promise<Map<string, RollupScore>> {
    const scores = new Map<string, RollupScore>();
    for (const batch of chunks(unique(entityRefs), CHUNK)) {
      const rows: Array<{
        entity_ref: string;
        score: DbNumber | null;
        level: string | null;
      }> = await this.db(scorecardScoresTable)
        .where('scorecard_id', scorecardId)
        .whereIn('entity_ref', batch)
        .select('entity_ref', 'score', 'level');
      for (const row of rows) {
        scores.set(row.entity_ref, {
          score: row.score === null ? null : Number(row.score),
          level: row.level,
        });
      }
    }
    return scores;
  }

  async failingChecks(
    entityRefs: string[],
    checkIds: ReadonlyArray<string>,
  ): Promise<Map<string, string[]>> {
    const scored = new Set(checkIds);
    const failing = new Map<string, string[]>();
    for (const batch of chunks(unique(entityRefs), CHUNK)) {
      const rows: Array<{ entity_ref: string; check_id: string }> =
        await this.db('opsready_check_results')
          .whereIn('status', FAILING)
          .whereIn('entity_ref', batch)
          .select('entity_ref', 'check_id');
      for (const row of rows) {
        if (!scored.has(row.check_id)) continue;
        const checks = failing.get(row.entity_ref) ?? [];
        checks.push(row.check_id);
        failing.set(row.entity_ref, checks);
      }
    }
    return failing;
  }

  async failingCounts(
    entityRefs: string[],
    checkIds: ReadonlyArray<string>,
  ): Promise<Map<string, number>> {
    const scored = new Set(checkIds);
    const counts = new Map<string, number>();
    for (const batch of chunks(unique(entityRefs), CHUNK)) {
      const rows: Array<{ check_id: string; n: DbNumber }> = await this.db(
        'opsready_check_results',
      )
        .whereIn('status', FAILING)
        .whereIn('entity_ref', batch)
        .select('check_id')
        .count({ n: '*' })
        .groupBy('check_id');
      for (const row of rows) {
        if (!scored.has(row.check_id)) continue;
        counts.set(
          row.check_id,
          (counts.get(row.check_id) ?? 0) + Number(row.n),
        );
      }
    }
    return counts;
  }
}

// A ref listed twice would be counted twice across chunks.
function unique(refs: string[]): string[] {
  return [...new Set(refs)];
}
