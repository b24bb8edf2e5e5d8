import { CheckResult } from '@opsready/plugin-opsready-common';
import { Knex } from 'knex';
import { EvaluationsStore } from '../database/EvaluationsStore';
import { DbTime, toDate } from '../database/dbValues';

/** What re-scoring an entity needs of its stored evaluation. */
export interface ScoredEvaluation {
  entityRef: string;
  kind: string;
  evaluatedAt: Date;
  firstEvaluatedAt: Date;
  results: Array<Pick<CheckResult, 'checkId' | 'status' | 'message'>>;
}

/** The stored evaluations, a page at a time, in entity ref order. */
export type EvaluationPages = (
  pageSize: number,
) => AsyncIterable<ScoredEvaluation[]>;

/**
 * Pages through any EvaluationsStore: the refs (strings only) at once, then
 * whole evaluations a page at a time.
 */
export function storePages(
  store: Pick<EvaluationsStore, 'listEntityRefs' | 'getEvaluations'>,
): EvaluationPages {
  return async function* pages(pageSize) {
    const refs = (await store.listEntityRefs()).sort();
    for (let i = 0; i < refs.length; i += pageSize) {
      const page = refs.slice(i, i + pageSize);
      const evaluations = await store.getEvaluations(page);
      yield page.flatMap(ref => {
        const e = evaluations.get(ref);
        return e
          ? [
              {
                entityRef: e.entityRef,
                kind: e.kind,
                evaluatedAt: e.evaluatedAt,
                firstEvaluatedAt: e.firstEvaluatedAt ?? e.evaluatedAt,
                results: e.results,
              },
            ]
          : [];
      });
    }
  };
}

interface ScoreRow {
  entity_ref: string;
  kind: string | null;
  evaluated_at: DbTime;
  first_evaluated_at: DbTime | null;
}

interface ResultRow {
  entity_ref: string;
  check_id: string;
  status: string;
}

/**
 * Pages straight through the tables DatabaseEvaluationsStore writes, keyed
 * by entity ref, selecting only what scoring reads: no messages nor
 * evidence, which are most of a result's bytes. The results of a page are
 * one range scan of the (entity_ref, check_id) key. The next page is read
 * while the caller scores this one.
 */
export function databasePages(db: Knex): EvaluationPages {
  const readPage = async (
    after: string | undefined,
    pageSize: number,
  ): Promise<ScoredEvaluation[]> => {
    const query = db<ScoreRow>('opsready_entity_scores')
      .select('entity_ref', 'kind', 'evaluated_at', 'first_evaluated_at')
      .orderBy('entity_ref')
      .limit(pageSize);
    if (after !== undefined) query.where('entity_ref', '>', after);
    const scores: ScoreRow[] = await query;
    if (scores.length === 0) return [];
    const results: ResultRow[] = await db<ResultRow>('opsready_check_results')
      .select('entity_ref', 'check_id', 'status')
      .where('entity_ref', '>=', scores[0].entity_ref)
      .andWhere('entity_ref', '<=', scores[scores.length - 1].entity_ref);
    const byRef = new Map<string, ScoredEvaluation['results']>();
    for (const row of results) {
      const list = byRef.get(row.entity_ref) ?? [];
      list.push({
        checkId: row.check_id,
        status: row.status as CheckResult['status'],
        message: '',
      });
      byRef.set(row.entity_ref, list);
    }
    return scores.map(row => ({
      entityRef: row.entity_ref,
      kind: row.kind ?? '',
      evaluatedAt: toDate(row.evaluated_at),
      firstEvaluatedAt: toDate(row.first_evaluated_at ?? row.evaluated_at),
      results: byRef.get(row.entity_ref) ?? [],
    }));
  };

  return async function* pages(pageSize) {
    let next = readPage(undefined, pageSize);
    for (;;) {
      const page = await next;
      if (page.length === 0) return;
      next =
        page.length < pageSize
          ? Promise.resolve([])
          : readPage(page[page.length - 1].entityRef, pageSize);
      // A read that fails while this page is scored is awaited next turn.
      next.catch(() => undefined);
      yield page;
    }
  };
}
