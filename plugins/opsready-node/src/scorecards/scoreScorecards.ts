import { Entity } from '@backstage/catalog-model';
import {
  CheckDescription,
  CheckResult,
  NextLevelRequirement,
} from '@opsready/plugin-opsready-common';
import { appliesToEntity } from '../checks/applicability';
import { scoreCounted } from '../evaluation/scoreResults';
import { matchesAnyPattern } from './checkPatterns';
import { ScorecardDefinition, ScorecardScore } from './types';

/**
 * A scorecard joined with the checks in force: which of them it scores and
 * with what weight.
 *
 * @public
 */
export interface ScorecardInForce {
  /** The scorecard as configured. */
  definition: ScorecardDefinition;
  /** Its checks in the order of the checks in force, with its weights. */
  checks: Array<Pick<CheckDescription, 'id' | 'weight' | 'severity'>>;
}

/**
 * An entity's score on one scorecard, and what the next level needs.
 *
 * @public
 */
export interface ScorecardOutcome extends ScorecardScore {
  /** What the scorecard's next level needs, or null at the top. */
  next: NextLevelRequirement | null;
}

/**
 * Each scorecard with the checks it scores. A scorecard's weights replace
 * the checks' own (as configured in `opsready.checks.overrides`).
 *
 * @public
 */
export function scorecardsInForce(
  scorecards: ReadonlyArray<ScorecardDefinition>,
  checks: ReadonlyArray<Pick<CheckDescription, 'id' | 'weight' | 'severity'>>,
): ScorecardInForce[] {
  return scorecards.map(definition => {
    const scored = matchesAnyPattern(definition.checks);
    return {
      definition,
      checks: checks
        .filter(check => scored(check.id))
        .map(check => ({
          id: check.id,
          severity: check.severity,
          weight: definition.weights.get(check.id) ?? check.weight,
        })),
    };
  });
}

/**
 * The entity's score and level on every scorecard whose scope covers it,
 * from results whose pending checks are already settled. Exempted checks
 * are out of every scorecard's score, as they are out of the entity's.
 *
 * @public
 */
export function scoreScorecards(
  scorecards: ReadonlyArray<ScorecardInForce>,
  entity: Entity,
  settledResults: ReadonlyArray<CheckResult>,
  options: { warnCredit: number; exempt?: ReadonlySet<string> },
): ScorecardOutcome[] {
  const counted = options.exempt
    ? settledResults.filter(r => !options.exempt!.has(r.checkId))
    : settledResults;
  return scorecards.flatMap(({ definition, checks }) => {
    if (
      definition.appliesTo &&
      !appliesToEntity(definition.appliesTo, entity)
    ) {
      return [];
    }
    const { score, level, next } = scoreCounted(
      checks,
      counted,
      options.warnCredit,
      definition.levels,
    );
    return [{ scorecardId: definition.id, score, level, next }];
  });
}
