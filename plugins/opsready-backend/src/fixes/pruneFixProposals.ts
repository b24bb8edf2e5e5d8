import type { EvaluationListener } from '../campaigns/types';
import { FixProposalsStore } from '../database/FixProposalsStore';
import { isSettled } from './openProposals';

/**
 * The evaluation listener that deletes the proposals of checks that now
 * pass (or no longer apply): the UI stops showing them as soon as the
 * check passes, and this keeps the table to the proposals still open.
 * One read and at most one delete per batch.
 */
export function pruneFixProposals(
  store: Pick<FixProposalsStore, 'proposalsOf' | 'deleteProposals'>,
): EvaluationListener {
  return async batch => {
    if (batch.length === 0) return;
    const latest = new Map(
      batch.map(({ evaluation }) => [evaluation.entityRef, evaluation]),
    );
    const proposals = await store.proposalsOf([...latest.keys()]);
    const done = proposals.filter(p =>
      isSettled(latest.get(p.entityRef), p.checkId),
    );
    if (done.length > 0) {
      await store.deleteProposals(done.map(p => p.id));
    }
  };
}
