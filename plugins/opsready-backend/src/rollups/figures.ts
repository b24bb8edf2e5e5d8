import { RollupScore } from '../database/DatabaseRollupReads';

/** How many checks a roll-up lists as its worst. */
export const WORST_CHECKS = 10;

/** The figures of a set of entities on one scorecard. */
export interface RollupFigures {
  /** Entities of the set the scorecard scores. */
  entities: number;
  /** Their average score, rounded; null when none has a score. */
  averageScore: number | null;
  /** Entities per level reached; `none` for unscored or below every level. */
  levelCounts: Record<string, number>;
}

/** A check failing on entities of a roll-up. */
export interface RollupCheck {
  /** The check's id. */
  checkId: string;
  /** The check's title, or its id when it is no longer registered. */
  title: string;
  /** How many entities of the roll-up it fails on. */
  failing: number;
}

/**
 * The figures of these entities: those without a score row (not evaluated,
 * or out of the scorecard's scope) are not counted at all.
 */
export function figuresOf(
  refs: Iterable<string>,
  scores: ReadonlyMap<string, RollupScore>,
): RollupFigures {
  let entities = 0;
  let scored = 0;
  let total = 0;
  const levelCounts: Record<string, number> = {};
  for (const ref of new Set(refs)) {
    const score = scores.get(ref);
    if (!score) continue;
    entities += 1;
    const level = score.level ?? 'none';
    levelCounts[level] = (levelCounts[level] ?? 0) + 1;
    if (score.score !== null) {
      scored += 1;
      total += score.score;
    }
  }
  return {
    entities,
    averageScore: scored ? Math.round(total / scored) : null,
    levelCounts,
  };
}

/** Failing counts per check, summed over the entities given. */
export function countFailing(
  refs: Iterable<string>,
  failing: ReadonlyMap<string, string[]>,
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const ref of new Set(refs)) {
    for (const checkId of failing.get(ref) ?? []) {
      counts.set(checkId, (counts.get(checkId) ?? 0) + 1);
    }
  }
  return counts;
}

/** The checks failing on the most entities, most first, then by id. */
export function worstChecks(
  counts: ReadonlyMap<string, number>,
  titles: ReadonlyMap<string, string>,
): RollupCheck[] {
  return [...counts]
    .filter(([, failing]) => failing > 0)
    .sort(([a, n], [b, m]) => m - n || a.localeCompare(b))
    .slice(0, WORST_CHECKS)
    .map(([checkId, failing]) => ({
      checkId,
      title: titles.get(checkId) ?? checkId,
      failing,
    }));
}

/** Worst average first, those without one last, then by the key given. */
export function worstAverageFirst<T extends { averageScore: number | null }>(
  key: (item: T) => string,
): (a: T, b: T) => number {
  return (a, b) => {
    if (a.averageScore !== b.averageScore) {
      if (a.averageScore === null) return 1;
      if (b.averageScore === null) return -1;
      return a.averageScore - b.averageScore;
    }
    return key(a).localeCompare(key(b));
  };
}
