import { LevelDefinition } from '@opsready/plugin-opsready-common';
import { CheckApplicability } from '../checks/types';

/**
 * One scorecard: a set of checks with their own weights and levels, for the
 * entities in its scope. Production readiness, Security and Operability are
 * the usual ones; without `opsready.scorecards` there is one, Production
 * readiness, of every check in force.
 *
 * @public
 */
export interface ScorecardDefinition {
  /** Lowercase letters, digits and dashes, e.g. `security`. */
  id: string;
  /** What people read, e.g. `Security`. */
  title: string;
  /** One or two sentences on what the scorecard asks. */
  description?: string;
  /**
   * The checks scored, as check ids or patterns in which `*` stands for any
   * characters (`kubernetes.*`). Every check in force by default.
   */
  checks: string[];
  /** Weights of checks in this scorecard, in place of the checks' own. */
  weights: ReadonlyMap<string, number>;
  /** The levels of this scorecard, lowest first or not. */
  levels: LevelDefinition[];
  /** The entities scored; every entity the checks apply to by default. */
  appliesTo?: CheckApplicability;
}

/**
 * An entity's score and level on one scorecard.
 *
 * @public
 */
export interface ScorecardScore {
  /** The scorecard's id. */
  scorecardId: string;
  /** 0-100, or null when no check of the scorecard applies. */
  score: number | null;
  /** The level reached, or null below the lowest. */
  level: string | null;
}

/**
 * The scorecard there is when none is configured: today's single score.
 *
 * @public
 */
export const defaultScorecardId = 'production-readiness';
