import { ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  ApiRequestBody,
  LevelDefinition,
} from '@opsready/plugin-opsready-common';
import {
  CheckOverride,
  readScoringConfig,
  ScoringConfig,
} from '@opsready/plugin-opsready-node';

/** A candidate as POST /scorecards/preview takes it (and GET /scorecards/config gives it). */
export type ScorecardCandidate = ApiRequestBody<'/scorecards/preview'>;

/** What the preview re-scores with: the parts of ScoringConfig read from stored results. */
export type CandidateScoring = Pick<
  ScoringConfig,
  'disabledChecks' | 'overrides' | 'warnCredit' | 'levels' | 'pendingForMs'
>;

/**
 * Reads a candidate with the readers app-config goes through at start-up
 * (a ConfigReader over the body, as if it were `opsready` in app-config), so
 * that what the preview accepts the backend would start with. Their errors
 * name the key (`opsready.scoring.levels: ...`), and become a 400 here.
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
      'Invalid candidate: must be an object with `checks` and/or `scoring`',
    );
  }
  let read: ScoringConfig;
  try {
    read = readScoringConfig(
      new ConfigReader({ opsready: body as object }, 'candidate'),
    );
  } catch (error) {
    throw new InputError(`Invalid candidate: ${(error as Error).message}`);
  }
  const unknown = [
    ...read.disabledChecks.map(id => ({ id, key: 'opsready.checks.disabled' })),
    ...[...read.overrides.keys()].map(id => ({
      id,
      key: `opsready.checks.overrides.${id}`,
    })),
  ].filter(({ id }) => !knownCheckIds.has(id));
  if (unknown.length > 0) {
    throw new InputError(
      `Invalid candidate: ${unknown
        .map(({ id, key }) => `${key}: no check has the id '${id}'`)
        .join('; ')}`,
    );
  }
  return {
    disabledChecks: read.disabledChecks,
    overrides: read.overrides,
    warnCredit: read.warnCredit,
    levels: read.levels,
    // Not a key of the candidate: how long checks may stay pending is kept.
    pendingForMs: inForce.pendingForMs,
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
      levels: config.levels.map((level: LevelDefinition) => ({
        name: level.name,
        minScore: level.minScore,
        noFailingCritical: level.noFailingCritical ?? false,
      })),
    },
  };
}
