import { ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  ApiRequestBody,
  LevelDefinition,
} from '@opsready/plugin-opsready-common';
import {
  CheckApplicability,
  CheckOverride,
  readScorecards,
  readScoringConfig,
  ScorecardDefinition,
  ScoringConfig,
  validateScorecards,
} from '@opsready/plugin-opsready-node';

/** A candidate as POST /scorecards/preview takes it (and GET /scorecards/config gives it). */
export type ScorecardCandidate = ApiRequestBody<'/scorecards/preview'>;

/**
 * What the preview re-scores with: the parts of the configuration read from
 * stored results, the scorecards included.
 */
export type CandidateScoring = Pick<
  ScoringConfig,
  'disabledChecks' | 'overrides' | 'warnCredit' | 'levels' | 'pendingForMs'
> & {
  /** The first is the entity's score. */
  scorecards: ScorecardDefinition[];
};

function unknownCheckIds(
  read: ScoringConfig,
  knownCheckIds: ReadonlySet<string>,
): string[] {
  return [
    ...read.disabledChecks.map(id => ({ id, key: 'opsready.checks.disabled' })),
    ...[...read.overrides.keys()].map(id => ({
      id,
      key: `opsready.checks.overrides.${id}`,
    })),
  ]
    .filter(({ id }) => !knownCheckIds.has(id))
    .map(({ id, key }) => `${key}: no check has the id '${id}'`);
}

/**
 * Reads a candidate with the readers app-config goes through at start-up
 * (a ConfigReader over the body, as if it were `opsready` in app-config), so
 * that what the preview accepts the backend would start with. Their errors
 * name the key (`opsready.scoring.levels: ...`), and become a 400 here.
 * The scorecards are held against the checks the candidate keeps in force,
 * as start-up holds them against the checks in force.
 *
 * Check ids no registered check has are refused too: start-up ignores them,
 * but in a candidate they are nearly always a typo that would make the
 * preview show "no change" for a change that would not happen either.
 */
export function readCandidate(
  body: unknown,
  inForce: Pick<ScoringConfig, 'pendingForMs'>,
  knownCheckIds: ReadonlySet<string>,
): CandidateScoring {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InputError(
      'Invalid candidate: must be an object with `checks`, `scoring` and/or `scorecards`',
    );
  }
  let read: ScoringConfig;
  let scorecards: ScorecardDefinition[];
  try {
    const root = new ConfigReader({ opsready: body as object }, 'candidate');
    read = readScoringConfig(root);
    const unknown = unknownCheckIds(read, knownCheckIds);
    if (unknown.length > 0) throw new Error(unknown.join('; '));
    scorecards = readScorecards(root, read.levels);
    const disabled = new Set(read.disabledChecks);
    validateScorecards(
      scorecards,
      [...knownCheckIds].filter(id => !disabled.has(id)),
    );
  } catch (error) {
    throw new InputError(`Invalid candidate: ${(error as Error).message}`);
  }
  return {
    disabledChecks: read.disabledChecks,
    overrides: read.overrides,
    warnCredit: read.warnCredit,
    levels: read.levels,
    // Not a key of the candidate: how long checks may stay pending is kept.
    pendingForMs: inForce.pendingForMs,
    scorecards,
  };
}

const levelsShown = (levels: ReadonlyArray<LevelDefinition>) =>
  levels.map(level => ({
    name: level.name,
    minScore: level.minScore,
    noFailingCritical: level.noFailingCritical ?? false,
  }));

/** A scope with only the dimensions it names, as it would be written. */
export function scopeShown(scope: CheckApplicability): CheckApplicability {
  return Object.fromEntries(
    Object.entries(scope).filter(([, values]) => values !== undefined),
  );
}

type ScorecardShown = NonNullable<ScorecardCandidate['scorecards']>[number];

function scorecardShown(
  scorecard: ScorecardDefinition,
  scoringLevels: ReadonlyArray<LevelDefinition>,
): ScorecardShown {
  const sameLevels =
    JSON.stringify(levelsShown(scorecard.levels)) ===
    JSON.stringify(levelsShown(scoringLevels));
  return {
    id: scorecard.id,
    title: scorecard.title,
    ...(scorecard.description ? { description: scorecard.description } : {}),
    checks: [...scorecard.checks],
    ...(scorecard.weights.size > 0
      ? { weights: Object.fromEntries(scorecard.weights) }
      : {}),
    // Levels equal to `scoring.levels` are left to inherit them, so that an
    // edit of `scoring.levels` reaches them as it would in app-config.
    ...(sameLevels ? {} : { levels: levelsShown(scorecard.levels) }),
    ...(scorecard.appliesTo
      ? { appliesTo: scopeShown(scorecard.appliesTo) }
      : {}),
  };
}

/** The configuration in force, in the shape a candidate takes. */
export function candidateOf(config: CandidateScoring): ScorecardCandidate {
  const overrides: Record<string, CheckOverride> = {};
  for (const [id, override] of config.overrides) {
    overrides[id] = JSON.parse(JSON.stringify(override));
  }
  return {
    checks: { disabled: [...config.disabledChecks], overrides },
    scoring: {
      warnCredit: config.warnCredit,
      levels: levelsShown(config.levels),
    },
    scorecards: config.scorecards.map(scorecard =>
      scorecardShown(scorecard, config.levels),
    ),
  };
}
