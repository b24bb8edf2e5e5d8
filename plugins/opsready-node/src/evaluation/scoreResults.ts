import {
  CheckDescription,
  CheckResult,
  computeLevel,
  computeScore,
  NextLevelRequirement,
  settlePending,
} from '@opsready/plugin-opsready-common';
import { ScoringConfig } from '../config/readScoringConfig';

/**
 * An entity's results with the pending rule applied, and the score and
 * level they give.
 *
 * @public
 */
export interface ScoredResults {
  /** The results, pending ones with their `pendingUntil` or settled as unknown. */
  results: CheckResult[];
  /** 0-100, or null when no scored check applies. */
  score: number | null;
  /** The level reached, or null below the lowest. */
  level: string | null;
  /** What the next level needs, or null at the top. */
  next: NextLevelRequirement | null;
}

/**
 * From check results to a score and a level: the pending rule first (a
 * check waiting for its first data stays out of the score until the
 * entity's pending time ends, then counts as unknown), then the score and
 * level of the results that are not exempted.
 *
 * The backend's evaluations and a golden template's promised score both go
 * through here, so that a new service is shown in the portal with the
 * score its template run gave.
 *
 * @public
 */
export function scoreResults(
  checks: ReadonlyArray<Pick<CheckDescription, 'id' | 'weight' | 'severity'>>,
  results: ReadonlyArray<CheckResult>,
  settings: Pick<ScoringConfig, 'warnCredit' | 'levels' | 'pendingForMs'>,
  context: {
    /** When OpsReady first evaluated the entity; now for a new one. */
    firstSeenAt: Date;
    now: Date;
    /** Ids of checks exempted for the entity: out of the score. */
    exempt?: ReadonlySet<string>;
  },
): ScoredResults {
  const settled = settlePending(
    results,
    { firstSeenAt: context.firstSeenAt, pendingForMs: settings.pendingForMs },
    context.now,
  );
  const counted = context.exempt
    ? settled.filter(r => !context.exempt!.has(r.checkId))
    : settled;
  return {
    results: settled,
    ...scoreCounted(checks, counted, settings.warnCredit, settings.levels),
  };
}

/**
 * The score and level of results already settled and without exemptions,
 * over these checks with their weights and severities: what an entity's
 * score and each scorecard's share.
 *
 * @public
 */
export function scoreCounted(
  checks: ReadonlyArray<Pick<CheckDescription, 'id' | 'weight' | 'severity'>>,
  counted: ReadonlyArray<CheckResult>,
  warnCredit: number,
  levels: ScoringConfig['levels'],
): Omit<ScoredResults, 'results'> {
  const weights = new Map(checks.map(c => [c.id, c.weight]));
  const severities = new Map(checks.map(c => [c.id, c.severity]));
  const score = computeScore(counted, weights, { warnCredit });
  const { level, next } = computeLevel(score, counted, severities, levels);
  return { score, level, next };
}
