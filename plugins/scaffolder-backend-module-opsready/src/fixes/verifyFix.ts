import { CheckResult, CheckStatus } from '@opsready/plugin-opsready-common';

/**
 * How good a status is, to tell whether a check got worse. A judged result
 * beats one that was not judged: pass, then warn; then not-applicable (a
 * check that judged something before and no longer applies lost its
 * subject, which a fix must not do); then pending (waiting for live data);
 * then unknown (could not be judged); error and fail last.
 */
const RANK: Record<CheckStatus, number> = {
  pass: 6,
  warn: 5,
  'not-applicable': 4,
  pending: 3,
  unknown: 2,
  error: 1,
  fail: 0,
};

/** A targeted check is fixed when it passes, or no longer applies. */
const FIXED = new Set<CheckStatus>(['pass', 'not-applicable']);

export interface FixVerdict {
  /** Targeted checks that do not pass yet, with the engine's message. */
  stillFailing: Array<{ checkId: string; status: string; message: string }>;
  /** Other checks whose status is worse than before. */
  worsened: Array<{
    checkId: string;
    before: string;
    after: string;
    message: string;
  }>;
  /** Checks whose status is better than before, targeted or not. */
  improved: Array<{ checkId: string; before: string; after: string }>;
}

/** Compares the checks after the fix with the baseline taken before it. */
export function judgeFix(options: {
  checkIds: string[];
  baseline: Record<string, string>;
  after: CheckResult[];
}): FixVerdict {
  const { checkIds, baseline, after } = options;
  const byId = new Map(after.map(r => [r.checkId, r]));
  const stillFailing = checkIds.flatMap(checkId => {
    const result = byId.get(checkId);
    if (result && FIXED.has(result.status)) {
      return [];
    }
    return [
      {
        checkId,
        status: result?.status ?? 'missing',
        message: result?.message ?? 'the check was not evaluated',
      },
    ];
  });
  const worsened: FixVerdict['worsened'] = [];
  const improved: FixVerdict['improved'] = [];
  for (const result of after) {
    const before = baseline[result.checkId] as CheckStatus | undefined;
    if (before === undefined || !(before in RANK)) {
      continue; // Not evaluated before: nothing to compare with.
    }
    const delta = RANK[result.status] - RANK[before];
    if (delta < 0 && !checkIds.includes(result.checkId)) {
      worsened.push({
        checkId: result.checkId,
        before,
        after: result.status,
        message: result.message,
      });
    } else if (delta > 0) {
      improved.push({ checkId: result.checkId, before, after: result.status });
    }
  }
  return { stillFailing, worsened, improved };
}
