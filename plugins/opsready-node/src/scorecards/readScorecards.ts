import { Config } from '@backstage/config';
import { LevelDefinition } from '@opsready/plugin-opsready-common';
import { CheckApplicability } from '../checks/types';
import { readLevels } from '../config/readScoringConfig';
import { checkIdPattern } from './checkPatterns';
import { defaultScorecardId, ScorecardDefinition } from './types';

const KEY = 'opsready.scorecards';
const ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

/**
 * Reads `opsready.scorecards`. Without it there is one scorecard, Production
 * readiness, of every check in force with the levels of
 * `opsready.scoring.levels`: the single score OpsReady always gave. The
 * first scorecard is the entity's score where one score is asked for (the
 * fleet's ranking, campaigns, notifications, the gate by default).
 *
 * @public
 */
export function readScorecards(
  root: Config,
  scoringLevels: LevelDefinition[],
): ScorecardDefinition[] {
  const configured = root.getOptionalConfigArray(KEY);
  if (!configured) {
    return [defaultScorecard(scoringLevels)];
  }
  if (configured.length === 0) {
    throw new Error(`${KEY} must name at least one scorecard`);
  }
  const ids = new Set<string>();
  return configured.map((scorecard, index) => {
    const key = `${KEY}[${index}]`;
    const id = scorecard.getString('id');
    if (!ID.test(id)) {
      throw new Error(
        `${key}.id must be lowercase letters, digits and dashes (at most 63), got '${id}'`,
      );
    }
    if (ids.has(id)) {
      throw new Error(`${key}.id: scorecard '${id}' is defined twice`);
    }
    ids.add(id);
    const checks = scorecard.getOptionalStringArray('checks') ?? ['*'];
    if (checks.length === 0) {
      throw new Error(`${key}.checks must name at least one check`);
    }
    return {
      id,
      title: scorecard.getString('title'),
      description: scorecard.getOptionalString('description'),
      checks,
      weights: readWeights(scorecard, `${key}.weights`),
      levels: readLevels(scorecard, `${key}.levels`) ?? scoringLevels,
      appliesTo: readScope(scorecard.getOptionalConfig('appliesTo')),
    };
  });
}

/**
 * The scorecard there is without `opsready.scorecards`: every check in
 * force, with their own weights, and these levels.
 *
 * @public
 */
export function defaultScorecard(
  levels: LevelDefinition[],
): ScorecardDefinition {
  return {
    id: defaultScorecardId,
    title: 'Production readiness',
    description:
      'Built and run the way the golden path says: every check in force.',
    checks: ['*'],
    weights: new Map(),
    levels,
  };
}

/**
 * Holds the scorecards against the checks in force, once every module has
 * added its checks: a pattern that matches no check, or a weight of a check
 * the scorecard does not score, is a mistake that would otherwise go
 * unnoticed, so it stops the start naming the key.
 *
 * @public
 */
export function validateScorecards(
  scorecards: ReadonlyArray<ScorecardDefinition>,
  checkIds: ReadonlyArray<string>,
): void {
  scorecards.forEach((scorecard, index) => {
    const key = `${KEY}[${index}]`;
    const tests = scorecard.checks.map(checkIdPattern);
    scorecard.checks.forEach((pattern, i) => {
      if (!checkIds.some(tests[i])) {
        throw new Error(
          `${key}.checks: '${pattern}' matches no check in force (GET /api/opsready/checks lists them)`,
        );
      }
    });
    for (const checkId of scorecard.weights.keys()) {
      if (!tests.some(test => test(checkId)) || !checkIds.includes(checkId)) {
        throw new Error(
          `${key}.weights: '${checkId}' is not a check of scorecard '${scorecard.id}'`,
        );
      }
    }
  });
}

// Check ids contain dots, which Config reads as paths: the weights are read
// as plain data.
function readWeights(scorecard: Config, key: string): Map<string, number> {
  const raw = scorecard.getOptional<unknown>('weights') ?? {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new Error(`${key} must map check ids to weights`);
  }
  const weights = new Map<string, number>();
  for (const [checkId, weight] of Object.entries(raw)) {
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0) {
      throw new Error(
        `${key}.${checkId} must be a number of 0 or more, got ${JSON.stringify(
          weight,
        )}`,
      );
    }
    weights.set(checkId, weight);
  }
  return weights;
}

function readScope(scope: Config | undefined): CheckApplicability | undefined {
  if (!scope) {
    return undefined;
  }
  return {
    kinds: scope.getOptionalStringArray('kinds'),
    types: scope.getOptionalStringArray('types'),
    lifecycles: scope.getOptionalStringArray('lifecycles'),
    tags: scope.getOptionalStringArray('tags'),
  };
}
