import {
  CheckDescription,
  CheckResult,
  LevelDefinition,
} from '@opsready/plugin-opsready-common';
import { DomainEvent } from '../notifications/types';

/**
 * How a `compliance.level-dropped` event names "no level at all": an entity
 * whose score reaches no configured level, or that has no score.
 */
export const NO_LEVEL = 'none';

/** The part of an evaluation the comparison reads. */
export interface EvaluationOutcome {
  level: string | null;
  results: ReadonlyArray<Pick<CheckResult, 'checkId' | 'status'>>;
}

export type ComplianceEvent = Extract<
  DomainEvent,
  { type: 'compliance.level-dropped' | 'compliance.check-failing' }
>;

/**
 * What got worse between an entity's previous evaluation and the one that
 * replaces it: its level dropped (in the order of the configured levels,
 * no level being lowest), and each critical check whose result turned to
 * `fail`. A first evaluation is no change: there is nothing it got worse
 * than. An exempted check is left out, as the score leaves it out: its
 * owners asked not to be held to it. A level that is no longer configured
 * cannot be compared and is not reported.
 */
export function complianceChanges(input: {
  entityRef: string;
  previous: EvaluationOutcome | undefined;
  current: EvaluationOutcome;
  checks: ReadonlyArray<Pick<CheckDescription, 'id' | 'title' | 'severity'>>;
  levels: ReadonlyArray<LevelDefinition>;
  exempt?: ReadonlySet<string>;
  at: Date;
}): ComplianceEvent[] {
  const { entityRef, previous, current } = input;
  if (!previous) {
    return [];
  }
  const at = input.at.toISOString();
  const events: ComplianceEvent[] = [];

  const from = levelRank(previous.level, input.levels);
  const to = levelRank(current.level, input.levels);
  if (from !== undefined && to !== undefined && to < from) {
    events.push({
      type: 'compliance.level-dropped',
      entityRef,
      from: previous.level ?? NO_LEVEL,
      to: current.level ?? NO_LEVEL,
      at,
    });
  }

  const failedBefore = new Set(
    previous.results.filter(r => r.status === 'fail').map(r => r.checkId),
  );
  const critical = new Map(
    input.checks.filter(c => c.severity === 'critical').map(c => [c.id, c]),
  );
  for (const result of current.results) {
    const check = critical.get(result.checkId);
    if (
      check &&
      result.status === 'fail' &&
      !failedBefore.has(result.checkId) &&
      !input.exempt?.has(result.checkId)
    ) {
      events.push({
        type: 'compliance.check-failing',
        entityRef,
        checkId: check.id,
        title: check.title,
        at,
      });
    }
  }
  return events;
}

/**
 * The place of a level in the configured order, lowest first; no level is
 * below them all. Undefined for a name the configuration no longer has.
 */
function levelRank(
  level: string | null,
  levels: ReadonlyArray<LevelDefinition>,
): number | undefined {
  if (level === null) {
    return -1;
  }
  const ordered = [...levels].sort((a, b) => a.minScore - b.minScore);
  const rank = ordered.findIndex(l => l.name === level);
  return rank < 0 ? undefined : rank;
}
