import { CheckResult, CheckSeverity } from './types';

/**
 * A compliance level, e.g. bronze / silver / gold, as configured.
 *
 * @public
 */
export interface LevelDefinition {
  name: string;
  minScore: number;
  /** Also require that no check of severity critical fails. */
  noFailingCritical?: boolean;
}

/** @public */
export const defaultLevels: LevelDefinition[] = [
  { name: 'bronze', minScore: 50 },
  { name: 'silver', minScore: 75 },
  { name: 'gold', minScore: 90, noFailingCritical: true },
];

/**
 * What stands between an entity and the next level.
 *
 * @public
 */
export interface NextLevelRequirement {
  name: string;
  minScore: number;
  /** Points still needed; 0 when the score is already high enough. */
  pointsNeeded: number;
  /** Failing critical checks that block the level, if it requires none. */
  blockingChecks: string[];
}

/** @public */
export interface LevelOutcome {
  level: string | null;
  next: NextLevelRequirement | null;
}

// Pending is not failed: a check that cannot have data yet does not block
// a level while it is pending (it blocks again as `unknown` afterwards).
const FAILED = new Set(['fail', 'error', 'unknown']);

/**
 * The highest level whose requirements the entity meets, and what the next
 * one needs. Levels are taken in order of their minimum score; a level is
 * reached only if every lower one is too. A critical check that is
 * `pending` does not block a level that requires no failing critical
 * check: it is judged once its data arrives, or blocks as `unknown` when
 * its pending time is over.
 *
 * @public
 */
export function computeLevel(
  score: number | null,
  results: ReadonlyArray<Pick<CheckResult, 'checkId' | 'status'>>,
  severities: ReadonlyMap<string, CheckSeverity>,
  levels: ReadonlyArray<LevelDefinition>,
): LevelOutcome {
  if (score === null) {
    return { level: null, next: null };
  }
  const failingCritical = results
    .filter(
      r => FAILED.has(r.status) && severities.get(r.checkId) === 'critical',
    )
    .map(r => r.checkId);
  const ordered = [...levels].sort((a, b) => a.minScore - b.minScore);

  let level: string | null = null;
  for (const candidate of ordered) {
    const blockingChecks = candidate.noFailingCritical ? failingCritical : [];
    if (score >= candidate.minScore && blockingChecks.length === 0) {
      level = candidate.name;
      continue;
    }
    return {
      level,
      next: {
        name: candidate.name,
        minScore: candidate.minScore,
        pointsNeeded: Math.max(0, candidate.minScore - score),
        blockingChecks,
      },
    };
  }
  return { level, next: null };
}

/**
 * Whether `level` is `minLevel` or above, in the configured order. Unknown
 * level names are an error of the caller, not "below".
 *
 * @public
 */
export function isAtLeastLevel(
  level: string | null,
  minLevel: string,
  levels: ReadonlyArray<LevelDefinition>,
): boolean {
  const ordered = [...levels].sort((a, b) => a.minScore - b.minScore);
  const wanted = ordered.findIndex(l => l.name === minLevel);
  if (wanted < 0) {
    throw new RangeError(
      `Unknown level '${minLevel}'; the levels are ${ordered
        .map(l => l.name)
        .join(', ')}`,
    );
  }
  if (level === null) {
    return false;
  }
  return ordered.findIndex(l => l.name === level) >= wanted;
}
