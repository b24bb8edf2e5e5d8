import { InputError } from '@backstage/errors';
import { quoted } from '../lib/zodProblems';
import { CheckDescription } from '@opsready/plugin-opsready-common';
import {
  ScorecardDefinition,
  scorecardsInForce,
} from '@opsready/plugin-opsready-node';

/** A scorecard as a roll-up needs it: which checks it scores, by title. */
export interface RollupScorecard {
  /** The scorecard's id. */
  id: string;
  /** The scorecard's title. */
  title: string;
  /** The ids of the checks in force it scores. */
  checkIds: string[];
  /** Its levels by name, highest first. */
  levels: string[];
}

/** The scorecards, and each check's title, for the roll-ups. */
export interface RollupScoring {
  /** Every scorecard, the first the default. */
  scorecards: RollupScorecard[];
  /** Titles of the checks in force, by id. */
  checkTitles: Map<string, string>;
  /** The scorecard of this id (the first without one); 400 when unknown. */
  scorecard(id: string | undefined): RollupScorecard;
}

/** The scorecards joined with the checks in force. */
export function rollupScoring(
  definitions: ReadonlyArray<ScorecardDefinition>,
  checks: ReadonlyArray<
    Pick<CheckDescription, 'id' | 'title' | 'weight' | 'severity'>
  >,
): RollupScoring {
  const scorecards = scorecardsInForce(definitions, checks).map(s => ({
    id: s.definition.id,
    title: s.definition.title,
    checkIds: s.checks.map(c => c.id),
    levels: [...s.definition.levels]
      .sort((a, b) => b.minScore - a.minScore)
      .map(level => level.name),
  }));
  return {
    scorecards,
    checkTitles: new Map(checks.map(c => [c.id, c.title])),
    scorecard(id) {
      if (id === undefined) return scorecards[0];
      const found = scorecards.find(s => s.id === id);
      if (!found) {
        throw new InputError(
          `Invalid query: scorecard: unknown scorecard ${quoted(
            id,
          )}; the scorecards are ${scorecards.map(s => s.id).join(', ')}`,
        );
      }
      return found;
    },
  };
}
