import {
  EvaluationsStore,
  ScoredEvaluation,
} from '../database/EvaluationsStore';

export type { ScoredEvaluation } from '../database/EvaluationsStore';

/** The stored evaluations, a page at a time, in entity ref order. */
export type EvaluationPages = (
  pageSize: number,
) => AsyncIterable<ScoredEvaluation[]>;

/**
 * Pages through any EvaluationsStore by whole evaluations: the refs
 * (strings only) at once, then the evaluations a page at a time. The
 * benchmark holds the narrow pages against it.
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
                ...(e.scope ? { scope: e.scope } : {}),
                evaluatedAt: e.evaluatedAt,
                firstEvaluatedAt: e.firstEvaluatedAt ?? e.evaluatedAt,
                results: e.results.map(({ checkId, status }) => ({
                  checkId,
                  status,
                })),
              },
            ]
          : [];
      });
    }
  };
}

/**
 * Pages through the store's narrow keyset pages (`readScoredPage`: one
 * range scan per page, no messages nor evidence). The next page is read
 * while the caller scores this one.
 */
export function databasePages(
  store: Pick<EvaluationsStore, 'readScoredPage'>,
): EvaluationPages {
  return async function* pages(pageSize) {
    let next = store.readScoredPage(undefined, pageSize);
    for (;;) {
      const page = await next;
      if (page.length === 0) return;
      next =
        page.length < pageSize
          ? Promise.resolve([])
          : store.readScoredPage(page[page.length - 1].entityRef, pageSize);
      // A read that fails while this page is scored is awaited next turn.
      next.catch(() => undefined);
      yield page;
    }
  };
}
