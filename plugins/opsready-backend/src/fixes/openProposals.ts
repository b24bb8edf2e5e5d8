import { CheckStatus, FixProposal } from '@opsready/plugin-opsready-common';
import { StoredEvaluation } from '../database/EvaluationsStore';

/** A check in one of these states needs no fix: its proposal has done its work. */
const SETTLED: ReadonlySet<CheckStatus> = new Set<CheckStatus>([
  'pass',
  'not-applicable',
]);

/** Whether the evaluation shows the check needs no fix. */
export function isSettled(
  evaluation: Pick<StoredEvaluation, 'results'> | undefined,
  checkId: string,
): boolean {
  const result = evaluation?.results.find(r => r.checkId === checkId);
  return result !== undefined && SETTLED.has(result.status);
}

/**
 * The proposals still open: those whose check does not pass in the latest
 * evaluation. Without one (never evaluated), all of them are.
 */
export function openProposals(
  proposals: FixProposal[],
  evaluation: Pick<StoredEvaluation, 'results'> | undefined,
): FixProposal[] {
  return proposals.filter(p => !isSettled(evaluation, p.checkId));
}
