import { CheckResult } from './types';

/** @public */
export interface ScoreOptions {
  /** Share of a check's weight that a `warn` earns; defaults to one half. */
  warnCredit?: number;
}

/**
 * The compliance score: the weighted share of applicable checks passed, in
 * whole points from 0 to 100.
 *
 * Not-applicable checks, pending checks and checks of weight 0 leave the
 * score alone. A `warn` earns part of its weight; `fail`, `error` and
 * `unknown` earn nothing, so a missing fact source can never raise a score.
 * A pending check (a working source with no data for the entity yet) is
 * left out of both what was earned and what was possible, so a new service
 * is scored on what can be judged of it; `settlePending` turns it into
 * `unknown` once the pending time is over. Returns null when nothing scored
 * applies, so that "no data" is not shown as 0 or 100.
 *
 * @public
 */
export function computeScore(
  results: ReadonlyArray<Pick<CheckResult, 'checkId' | 'status'>>,
  weights: ReadonlyMap<string, number>,
  options: ScoreOptions = {},
): number | null {
  const warnCredit = options.warnCredit ?? 0.5;
  let possible = 0;
  let earned = 0;
  for (const result of results) {
    const weight = weights.get(result.checkId) ?? 0;
    if (
      result.status === 'not-applicable' ||
      result.status === 'pending' ||
      weight <= 0
    ) {
      continue;
    }
    possible += weight;
    if (result.status === 'pass') {
      earned += weight;
    } else if (result.status === 'warn') {
      earned += weight * warnCredit;
    }
  }
  if (possible === 0) {
    return null;
  }
  return Math.round((earned / possible) * 100);
}
