import { CheckStatus } from '@opsready/plugin-opsready-common';
import { Knex } from 'knex';
import { DbTime, toDate } from './dbValues';
import { EntityScope, ScoredEvaluation } from './EvaluationsStore';

/** The scope columns of `opsready_entity_scores`, all null before they were kept. */
export interface ScopeColumns {
  type: string | null;
  lifecycle: string | null;
  /** A JSON array; null: not recorded (evaluated before the columns existed). */
  tags: string | null;
}

/** The columns an evaluation's scope is written to; all null when not known. */
export function scopeColumns(scope: EntityScope | undefined): ScopeColumns {
  return scope
    ? {
        type: scope.type,
        lifecycle: scope.lifecycle,
        tags: JSON.stringify(scope.tags),
      }
    : { type: null, lifecycle: null, tags: null };
}

/** The scope as stored, or undefined when it was not recorded. */
export function scopeOf(row: ScopeColumns): EntityScope | undefined {
  if (row.tags === null) return undefined;
  return {
    type: row.type,
    lifecycle: row.lifecycle,
    tags: JSON.parse(row.tags),
  };
}

interface ScoredRow extends ScopeColumns {
  entity_ref: string;
  kind: string | null;
  evaluated_at: DbTime;
  first_evaluated_at: DbTime | null;
}

interface ScoredResultRow {
  entity_ref: string;
  check_id: string;
  status: CheckStatus;
}

/**
 * A keyset page of `opsready_entity_scores`, and the results of its
 * entities as one range scan of the (entity_ref, check_id) key, selecting
 * only what scoring reads.
 */
export async function readScoredPage(
  db: Knex,
  after: string | undefined,
  limit: number,
): Promise<ScoredEvaluation[]> {
  const query = db<ScoredRow>('opsready_entity_scores')
    .select(
      'entity_ref',
      'kind',
      'type',
      'lifecycle',
      'tags',
      'evaluated_at',
      'first_evaluated_at',
    )
    .orderBy('entity_ref')
    .limit(limit);
  if (after !== undefined) query.where('entity_ref', '>', after);
  const rows: ScoredRow[] = await query;
  if (rows.length === 0) return [];
  const results: ScoredResultRow[] = await db<ScoredResultRow>(
    'opsready_check_results',
  )
    .select('entity_ref', 'check_id', 'status')
    .where('entity_ref', '>=', rows[0].entity_ref)
    .andWhere('entity_ref', '<=', rows[rows.length - 1].entity_ref);
  const byRef = new Map<string, ScoredEvaluation['results']>();
  for (const row of results) {
    const list = byRef.get(row.entity_ref) ?? [];
    list.push({ checkId: row.check_id, status: row.status });
    byRef.set(row.entity_ref, list);
  }
  return rows.map(row => {
    const scope = scopeOf(row);
    return {
      entityRef: row.entity_ref,
      kind: row.kind ?? '',
      ...(scope ? { scope } : {}),
      evaluatedAt: toDate(row.evaluated_at),
      firstEvaluatedAt: toDate(row.first_evaluated_at ?? row.evaluated_at),
      results: byRef.get(row.entity_ref) ?? [],
    };
  });
}
