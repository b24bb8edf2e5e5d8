import { DatabaseService } from '@backstage/backend-plugin-api';
import {
  CheckResult,
  CheckStatus,
  OpenErrorCounts,
} from '@opsready/plugin-opsready-common';
import { Knex } from 'knex';
import { migratedClient } from './migrate';
import { chunks, DbNumber, DbTime, toDate } from './dbValues';
import {
  readScorecardScores,
  replaceScorecardScores,
  scorecardScoresAsEntityScores,
  scorecardScoresTable,
} from './scorecardScoreRows';
import {
  readScoredPage,
  ScopeColumns,
  scopeColumns,
  scopeOf,
} from './scoredPageRows';
import {
  EvaluationsStore,
  FleetFilter,
  FleetScorecard,
  FleetPage,
  ResultChange,
  ScoredEvaluation,
  ScorePoint,
  StoredEvaluation,
} from './EvaluationsStore';

/** A row of `opsready_entity_scores`: the latest evaluation's figures. */
interface ScoreRow extends ScopeColumns {
  entity_ref: string;
  kind: string | null;
  owner: string | null;
  score: number | null;
  level: string | null;
  evaluated_at: DbTime;
  /** Null only for a row written before the column existed and not backfilled. */
  first_evaluated_at: DbTime | null;
}

/** A row of `opsready_check_results`: the latest result of one check. */
interface CheckResultRow {
  entity_ref: string;
  check_id: string;
  status: string;
  message: string;
  evidence: string | null;
  evaluated_at: DbTime;
}

/** What a score history read selects of `opsready_score_history`. */
interface ScoreHistoryRow {
  score: number | null;
  level: string | null;
  recorded_at: DbTime;
}

/** What a changes read selects of `opsready_check_result_history`. */
interface ResultChangeRow {
  check_id: string;
  status: CheckStatus;
  message: string;
  changed_at: DbTime;
}

function toCheckResult(row: CheckResultRow): CheckResult {
  return {
    checkId: row.check_id,
    status: row.status as CheckStatus,
    message: row.message,
    ...(row.evidence ? { evidence: JSON.parse(row.evidence) } : {}),
  };
}

// How many rows one statement touches at most: SQLite caps bound parameters.
const BATCH = 200;
const FAILING: CheckStatus[] = ['fail', 'error'];

/** The knex-backed store of evaluations, on SQLite or PostgreSQL. */
export class DatabaseEvaluationsStore implements EvaluationsStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseEvaluationsStore> {
    return new DatabaseEvaluationsStore(await migratedClient(options.database));
  }

  private constructor(private readonly db: Knex) {}

  async saveEvaluation(evaluation: StoredEvaluation): Promise<void> {
    const { entityRef, kind, owner, score, level, evaluatedAt, results } =
      evaluation;
    await this.db.transaction(async tx => {
      const previousScore = await tx<ScoreRow>('opsready_entity_scores')
        .where('entity_ref', entityRef)
        .first();
      const previousStatus = new Map(
        (
          await tx<CheckResultRow>('opsready_check_results')
            .where('entity_ref', entityRef)
            .select('check_id', 'status')
        ).map(row => [row.check_id, row.status]),
      );

      await tx<ScoreRow>('opsready_entity_scores')
        .insert({
          entity_ref: entityRef,
          kind,
          owner,
          score,
          level,
          evaluated_at: evaluatedAt,
          // Set by the first evaluation, and kept: pending checks count from it.
          first_evaluated_at: evaluatedAt,
          ...scopeColumns(evaluation.scope),
        })
        .onConflict('entity_ref')
        .merge([
          'kind',
          'owner',
          'score',
          'level',
          'evaluated_at',
          'type',
          'lifecycle',
          'tags',
        ]);
      if (evaluation.scorecards) {
        await replaceScorecardScores(
          tx,
          entityRef,
          evaluation.scorecards,
          evaluatedAt,
        );
      }

      // Results of checks that no longer ran (removed or disabled) go, so the
      // stored results are always exactly the latest evaluation.
      await tx('opsready_check_results')
        .where('entity_ref', entityRef)
        .whereNotIn(
          'check_id',
          results.map(r => r.checkId),
        )
        .delete();

      for (const batch of chunks(results, BATCH)) {
        await tx<CheckResultRow>('opsready_check_results')
          .insert(
            batch.map(result => ({
              entity_ref: entityRef,
              check_id: result.checkId,
              status: result.status,
              message: result.message,
              evidence: result.evidence
                ? JSON.stringify(result.evidence)
                : null,
              evaluated_at: evaluatedAt,
            })),
          )
          .onConflict(['entity_ref', 'check_id'])
          .merge(['status', 'message', 'evidence', 'evaluated_at']);
      }

      // History keeps changes only, so it grows with what happens, not with
      // how often the sweep runs.
      const changed = results.filter(
        r => previousStatus.get(r.checkId) !== r.status,
      );
      for (const batch of chunks(changed, BATCH)) {
        await tx('opsready_check_result_history').insert(
          batch.map(result => ({
            entity_ref: entityRef,
            check_id: result.checkId,
            status: result.status,
            message: result.message,
            changed_at: evaluatedAt,
          })),
        );
      }
      if (
        !previousScore ||
        previousScore.score !== score ||
        previousScore.level !== level
      ) {
        await tx('opsready_score_history').insert({
          entity_ref: entityRef,
          score,
          level,
          recorded_at: evaluatedAt,
        });
      }
    });
  }

  async getEvaluation(
    entityRef: string,
  ): Promise<StoredEvaluation | undefined> {
    return (await this.getEvaluations([entityRef])).get(entityRef);
  }

  async getEvaluations(
    entityRefs: string[],
  ): Promise<Map<string, StoredEvaluation>> {
    const evaluations = new Map<string, StoredEvaluation>();
    for (const batch of chunks([...new Set(entityRefs)], BATCH)) {
      const [scoreRows, resultRows, scorecardScores] = await Promise.all([
        this.db<ScoreRow>('opsready_entity_scores').whereIn(
          'entity_ref',
          batch,
        ),
        this.db<CheckResultRow>('opsready_check_results')
          .whereIn('entity_ref', batch)
          .orderBy(['entity_ref', 'check_id']),
        readScorecardScores(this.db, batch),
      ]);
      const resultsOf = new Map<string, CheckResult[]>();
      for (const row of resultRows) {
        const results = resultsOf.get(row.entity_ref) ?? [];
        results.push(toCheckResult(row));
        resultsOf.set(row.entity_ref, results);
      }
      for (const row of scoreRows) {
        const scope = scopeOf(row);
        evaluations.set(row.entity_ref, {
          entityRef: row.entity_ref,
          kind: row.kind ?? '',
          owner: row.owner,
          score: row.score === null ? null : Number(row.score),
          level: row.level,
          evaluatedAt: toDate(row.evaluated_at),
          firstEvaluatedAt: toDate(row.first_evaluated_at ?? row.evaluated_at),
          results: resultsOf.get(row.entity_ref) ?? [],
          scorecards: scorecardScores.get(row.entity_ref) ?? [],
          ...(scope ? { scope } : {}),
        });
      }
    }
    return evaluations;
  }

  async getScoreHistory(
    entityRef: string,
    range: { from: Date; to: Date },
  ): Promise<ScorePoint[]> {
    const rows: ScoreHistoryRow[] = await this.db('opsready_score_history')
      .where('entity_ref', entityRef)
      .whereBetween('recorded_at', [range.from, range.to])
      .orderBy('recorded_at', 'asc')
      .select('score', 'level', 'recorded_at');
    return rows.map(row => ({
      score: row.score === null ? null : Number(row.score),
      level: row.level,
      recordedAt: toDate(row.recorded_at),
    }));
  }

  async getResultChanges(
    entityRef: string,
    range: { from: Date; to: Date },
  ): Promise<ResultChange[]> {
    const rows: ResultChangeRow[] = await this.db(
      'opsready_check_result_history',
    )
      .where('entity_ref', entityRef)
      .whereBetween('changed_at', [range.from, range.to])
      .orderBy([{ column: 'changed_at' }, { column: 'id' }])
      .select('check_id', 'status', 'message', 'changed_at');
    return rows.map(row => ({
      checkId: row.check_id,
      status: row.status,
      message: row.message,
      changedAt: toDate(row.changed_at),
    }));
  }

  async getFleet(
    filter: FleetFilter,
    page: { cursor?: string; limit: number },
    scorecard?: FleetScorecard,
  ): Promise<FleetPage> {
    const filtered = () => {
      const query = this.db<ScoreRow>(
        scorecard?.otherThanFirst
          ? scorecardScoresAsEntityScores(this.db, scorecard.otherThanFirst)
          : 'opsready_entity_scores',
      );
      if (filter.owner) query.where('owner', filter.owner);
      if (filter.kind) query.where('kind', filter.kind);
      if (filter.level === 'none') query.whereNull('level');
      else if (filter.level) query.where('level', filter.level);
      return query;
    };

    const pageQuery = filtered()
      .orderBy('entity_ref')
      .limit(page.limit + 1);
    if (page.cursor) pageQuery.where('entity_ref', '>', page.cursor);
    const rows = await pageQuery.select();
    const hasMore = rows.length > page.limit;
    const items = rows.slice(0, page.limit);

    const [levelRows, ownerRows, failingRows] = await Promise.all([
      filtered().select('level').count({ n: '*' }).groupBy('level'),
      filtered()
        .whereNotNull('owner')
        .whereNotNull('score')
        .select('owner')
        .avg({ average: 'score' })
        .count({ n: '*' })
        .groupBy('owner')
        .orderBy('average', 'desc'),
      this.db('opsready_check_results')
        .whereIn('status', FAILING)
        .modify(query => {
          if (scorecard) query.whereIn('check_id', scorecard.checkIds);
        })
        .whereIn('entity_ref', filtered().select('entity_ref'))
        .select('check_id')
        .count({ n: '*' })
        .groupBy('check_id')
        .orderBy([{ column: 'n', order: 'desc' }, { column: 'check_id' }])
        .limit(10),
    ]);

    const openErrors = await this.openErrorCounts(
      items.map(row => row.entity_ref),
    );

    const levelCounts: Record<string, number> = {};
    let totalEntities = 0;
    for (const row of levelRows as Array<{
      level: string | null;
      n: DbNumber;
    }>) {
      const n = Number(row.n);
      levelCounts[row.level ?? 'none'] = n;
      totalEntities += n;
    }

    return {
      items: items.map(row => ({
        entityRef: row.entity_ref,
        kind: row.kind,
        owner: row.owner,
        score: row.score === null ? null : Number(row.score),
        level: row.level,
        evaluatedAt: toDate(row.evaluated_at),
        openErrors: openErrors.get(row.entity_ref) ?? { critical: 0, high: 0 },
      })),
      ...(hasMore ? { nextCursor: items[items.length - 1].entity_ref } : {}),
      totalEntities,
      levelCounts,
      owners: (
        ownerRows as Array<{ owner: string; average: DbNumber; n: DbNumber }>
      ).map(row => ({
        owner: row.owner,
        averageScore: Math.round(Number(row.average)),
        entities: Number(row.n),
      })),
      topFailingChecks: (
        failingRows as Array<{ check_id: string; n: DbNumber }>
      ).map(row => ({
        checkId: row.check_id,
        failing: Number(row.n),
      })),
    };
  }

  /**
   * Open critical and high errors of these entities, in one query, counted
   * as the errors tab lists them: one per fingerprint, however often seen.
   * The errors are read from the errors store's table, in the same plugin
   * database, so the fleet page costs one query more, not one per row; a
   * page of the fleet is at most 500 entities, so one IN list does.
   */
  private async openErrorCounts(
    entityRefs: string[],
  ): Promise<Map<string, OpenErrorCounts>> {
    const counts = new Map<string, OpenErrorCounts>();
    if (entityRefs.length === 0) return counts;
    const rows = (await this.db('opsready_errors')
      .whereIn('entity_ref', entityRefs)
      .whereNull('resolved_at')
      .whereIn('severity', ['critical', 'high'])
      .select('entity_ref', 'severity')
      .countDistinct({ n: 'fingerprint' })
      .groupBy('entity_ref', 'severity')) as Array<{
      entity_ref: string;
      severity: keyof OpenErrorCounts;
      n: DbNumber;
    }>;
    for (const row of rows) {
      const entity = counts.get(row.entity_ref) ?? { critical: 0, high: 0 };
      entity[row.severity] = Number(row.n);
      counts.set(row.entity_ref, entity);
    }
    return counts;
  }

  async getFirstEvaluatedAt(entityRefs: string[]): Promise<Map<string, Date>> {
    const firsts = new Map<string, Date>();
    for (const batch of chunks(entityRefs, BATCH)) {
      const rows = await this.db<ScoreRow>('opsready_entity_scores')
        .whereIn('entity_ref', batch)
        .select('entity_ref', 'first_evaluated_at', 'evaluated_at');
      for (const row of rows) {
        firsts.set(
          row.entity_ref,
          toDate(row.first_evaluated_at ?? row.evaluated_at),
        );
      }
    }
    return firsts;
  }

  readScoredPage(
    after: string | undefined,
    limit: number,
  ): Promise<ScoredEvaluation[]> {
    return readScoredPage(this.db, after, limit);
  }

  async listEntityRefs(): Promise<string[]> {
    const rows = await this.db<ScoreRow>('opsready_entity_scores').select(
      'entity_ref',
    );
    return rows.map(row => row.entity_ref);
  }

  async deleteEntities(entityRefs: string[]): Promise<void> {
    for (const batch of chunks(entityRefs, BATCH)) {
      await this.db.transaction(async tx => {
        for (const table of [
          'opsready_check_results',
          'opsready_check_result_history',
          'opsready_score_history',
          scorecardScoresTable,
          'opsready_entity_scores',
        ]) {
          await tx(table).whereIn('entity_ref', batch).delete();
        }
      });
    }
  }
}
