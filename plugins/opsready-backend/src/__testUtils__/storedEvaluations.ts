import { CheckResult } from '@opsready/plugin-opsready-common';
import { StoredEvaluation } from '../database/EvaluationsStore';

/** A time in the store tests. */
export const at = (iso: string) => new Date(iso);

/** A check result; its message is its status unless given. */
export const result = (
  checkId: string,
  status: CheckResult['status'],
  message: string = status,
): CheckResult => ({ checkId, status, message });

/** An evaluation to store: a bronze component of payments unless told. */
export function evaluation(
  overrides: Partial<StoredEvaluation> & { entityRef: string },
): StoredEvaluation {
  return {
    kind: 'component',
    owner: 'group:default/payments',
    score: 50,
    level: 'bronze',
    evaluatedAt: at('2026-11-20T10:00:00Z'),
    results: [],
    ...overrides,
  };
}
