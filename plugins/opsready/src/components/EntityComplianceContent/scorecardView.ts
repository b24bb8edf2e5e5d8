import { EntityEvaluation } from '@opsready/plugin-opsready-common';

/**
 * The evaluation as one scorecard sees it: its score, level and next level,
 * and only its checks, each with the weight the scorecard gives it. The
 * rest of the tab (the summary, the checks by category, fixes and
 * exemptions) then shows a scorecard the way it shows the entity's score.
 * An id the entity has no scorecard for gives the evaluation as it is.
 */
export function scorecardView(
  evaluation: EntityEvaluation,
  scorecardId: string | undefined,
): EntityEvaluation {
  const scorecard = evaluation.scorecards.find(s => s.id === scorecardId);
  if (!scorecard) {
    return evaluation;
  }
  const weights = new Map(scorecard.checks.map(c => [c.id, c.weight]));
  return {
    ...evaluation,
    score: scorecard.score,
    level: scorecard.level,
    nextLevel: scorecard.nextLevel,
    checks: evaluation.checks.flatMap(check => {
      const weight = weights.get(check.id);
      return weight === undefined ? [] : [{ ...check, weight }];
    }),
  };
}
