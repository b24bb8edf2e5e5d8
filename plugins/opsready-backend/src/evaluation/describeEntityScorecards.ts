import {
  CheckResult,
  computeLevel,
  EntityScorecard,
} from '@opsready/plugin-opsready-common';
import { ScorecardInForce } from '@opsready/plugin-opsready-node';
import { StoredEvaluation } from '../database/EvaluationsStore';

/**
 * The entity on each scorecard that scored it, as the API shows it: the
 * stored score and level, what the next level needs, and the checks with
 * the scorecard's weights. The first scorecard's figures are the entity's
 * own; an evaluation stored before there were scorecards has only those.
 */
export function describeEntityScorecards(
  scorecards: ReadonlyArray<ScorecardInForce>,
  evaluation: Pick<StoredEvaluation, 'score' | 'level' | 'scorecards'>,
  countedResults: ReadonlyArray<CheckResult>,
): EntityScorecard[] {
  const stored = new Map(
    (evaluation.scorecards ?? []).map(s => [s.scorecardId, s]),
  );
  return scorecards.flatMap(({ definition, checks }, index) => {
    const first = index === 0;
    const scored =
      first && stored.size === 0
        ? { score: evaluation.score, level: evaluation.level }
        : stored.get(definition.id);
    if (!scored) {
      return [];
    }
    const score = first ? evaluation.score : scored.score;
    const { next } = computeLevel(
      score,
      countedResults,
      new Map(checks.map(c => [c.id, c.severity])),
      definition.levels,
    );
    return [
      {
        id: definition.id,
        title: definition.title,
        ...(definition.description
          ? { description: definition.description }
          : {}),
        score,
        level: first ? evaluation.level : scored.level,
        nextLevel: next,
        levels: definition.levels,
        checks: checks.map(c => ({ id: c.id, weight: c.weight })),
      },
    ];
  });
}
