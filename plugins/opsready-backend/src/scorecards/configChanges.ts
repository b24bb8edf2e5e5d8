import {
  CheckDescription,
  LevelDefinition,
} from '@opsready/plugin-opsready-common';
import {
  CheckApplicability,
  ScorecardInForce,
} from '@opsready/plugin-opsready-node';
import { CandidateScoring } from './candidateConfig';

/** One difference between the configuration in force and a candidate. */
export interface ConfigChange {
  /** As a reviewer reads it: "kubernetes.pdb weight 1→3". */
  label: string;
  /** An entity with a counted result of one of these checks is touched. */
  checkIds?: string[];
  /** An entity with a `warn` result is touched (the warn credit). */
  warn?: boolean;
  /** An entity leaving or reaching this level is touched. */
  level?: string;
  /** An entity entering or leaving the scorecard's scope is touched. */
  scorecardScope?: boolean;
  /** An entity whose result of this check the check's new scope changes is touched. */
  checkScope?: string;
}

/** A change the stored results cannot show, and why. */
export interface NotPreviewed {
  change: string;
  reason: string;
}

export type Check = Pick<CheckDescription, 'id' | 'weight' | 'severity'>;

/** The checks as a configuration scores them: disabled ones out, weights overridden. */
export function scoredChecks(
  checks: ReadonlyArray<Check>,
  config: Pick<CandidateScoring, 'disabledChecks' | 'overrides'>,
): Check[] {
  const disabled = new Set(config.disabledChecks);
  return checks
    .filter(check => !disabled.has(check.id))
    .map(check => ({
      id: check.id,
      severity: check.severity,
      weight: config.overrides.get(check.id)?.weight ?? check.weight,
    }));
}

const onOff = (value: boolean | undefined) => (value ? 'on' : 'off');
const listed = (values: string[] | undefined) =>
  values && values.length > 0 ? values.join(', ') : 'any';

/** "lifecycles production → production, experimental", per dimension changed. */
export function scopeChanges(
  before: CheckApplicability | undefined,
  after: CheckApplicability | undefined,
): string[] {
  const dimensions = ['kinds', 'types', 'lifecycles', 'tags'] as const;
  return dimensions.flatMap(dimension => {
    const was = listed(before?.[dimension]);
    const will = listed(after?.[dimension]);
    return was === will ? [] : [`${dimension} ${was} → ${will}`];
  });
}

/** The checks whose override's `appliesTo` the candidate changes, and still runs. */
export function checkScopeChanges(
  checks: ReadonlyArray<Check>,
  inForce: CandidateScoring,
  candidate: CandidateScoring,
): Array<{ id: string; label: string }> {
  const disabled = new Set(candidate.disabledChecks);
  return checks.flatMap(({ id }) => {
    if (disabled.has(id)) return [];
    const changes = scopeChanges(
      inForce.overrides.get(id)?.appliesTo,
      candidate.overrides.get(id)?.appliesTo,
    );
    return changes.length
      ? [{ id, label: `${id} appliesTo ${changes.join('; ')}` }]
      : [];
  });
}

/** What the stored results cannot show of checks enabled by the candidate. */
export function enabledChecks(
  checks: ReadonlyArray<Check>,
  inForce: CandidateScoring,
  candidate: CandidateScoring,
): NotPreviewed[] {
  const wasDisabled = new Set(inForce.disabledChecks);
  const isDisabled = new Set(candidate.disabledChecks);
  return checks
    .filter(({ id }) => wasDisabled.has(id) && !isDisabled.has(id))
    .map(({ id }) => ({
      change: `${id} enabled`,
      reason:
        'A disabled check is not run, so no results of it are stored; the preview scores the fleet without it.',
    }));
}

function levelChanges(
  before: ReadonlyArray<LevelDefinition>,
  after: ReadonlyArray<LevelDefinition>,
  prefix: string,
): ConfigChange[] {
  const changes: ConfigChange[] = [];
  const levelsAfter = new Map(after.map(l => [l.name, l]));
  const levelsBefore = new Map(before.map(l => [l.name, l]));
  for (const [name, was] of levelsBefore) {
    const will = levelsAfter.get(name);
    const label = `${prefix}level ${name}`;
    if (!will) {
      changes.push({ label: `${label} removed`, level: name });
      continue;
    }
    if (was.minScore !== will.minScore) {
      changes.push({
        label: `${label} minScore ${was.minScore}→${will.minScore}`,
        level: name,
      });
    }
    if (Boolean(was.noFailingCritical) !== Boolean(will.noFailingCritical)) {
      changes.push({
        label: `${label} noFailingCritical ${onOff(
          was.noFailingCritical,
        )}→${onOff(will.noFailingCritical)}`,
        level: name,
      });
    }
  }
  for (const [name, will] of levelsAfter) {
    if (!levelsBefore.has(name)) {
      changes.push({
        label: `${prefix}level ${name} added (minScore ${will.minScore}${
          will.noFailingCritical ? ', noFailingCritical' : ''
        })`,
        level: name,
      });
    }
  }
  return changes;
}

function checkChanges(
  before: ScorecardInForce,
  after: ScorecardInForce,
  candidate: CandidateScoring,
  disabledInForce: ReadonlySet<string>,
  prefix: string,
): ConfigChange[] {
  const changes: ConfigChange[] = [];
  const was = new Map(before.checks.map(c => [c.id, c]));
  const will = new Map(after.checks.map(c => [c.id, c]));
  const disabled = new Set(candidate.disabledChecks);
  for (const id of new Set([...was.keys(), ...will.keys()])) {
    const from = was.get(id);
    const to = will.get(id);
    if (from && !to) {
      changes.push({
        label: disabled.has(id)
          ? `${id} disabled`
          : `${prefix}${id} no longer scored`,
        checkIds: [id],
      });
    } else if (!from && to && !disabledInForce.has(id)) {
      // A check enabled again has no stored results: reported apart.
      changes.push({ label: `${prefix}${id} scored`, checkIds: [id] });
    } else if (from && to && from.weight !== to.weight) {
      const ownWeight =
        before.definition.weights.has(id) || after.definition.weights.has(id);
      changes.push({
        label: ownWeight
          ? `${prefix}weight of ${id} ${from.weight}→${to.weight}`
          : `${id} weight ${from.weight}→${to.weight}`,
        checkIds: [id],
      });
    }
  }
  return changes;
}

/**
 * What a candidate changes in how one scorecard scores, in the order a
 * reviewer reads a config: title and scope, checks, the warn credit, the
 * levels. Changes of the scorecard's own keys are prefixed with its id
 * (`security: `) when there is more than one scorecard; changes of
 * `opsready.checks` and `opsready.scoring` keep the key's own wording.
 */
export function scorecardChanges(options: {
  before: ScorecardInForce;
  after: ScorecardInForce;
  inForce: CandidateScoring;
  candidate: CandidateScoring;
  checkScopes: ReadonlyArray<{ id: string; label: string }>;
  prefix: string;
}): ConfigChange[] {
  const { before, after, inForce, candidate, prefix } = options;
  const changes: ConfigChange[] = [];
  if (before.definition.title !== after.definition.title) {
    changes.push({
      label: `${prefix}title ${before.definition.title} → ${after.definition.title}`,
    });
  }
  for (const scope of scopeChanges(
    before.definition.appliesTo,
    after.definition.appliesTo,
  )) {
    changes.push({ label: `${prefix}scope ${scope}`, scorecardScope: true });
  }
  changes.push(
    ...checkChanges(
      before,
      after,
      candidate,
      new Set(inForce.disabledChecks),
      prefix,
    ),
  );
  const scored = new Set(after.checks.map(c => c.id));
  for (const { id, label } of options.checkScopes) {
    if (scored.has(id)) changes.push({ label, checkScope: id });
  }
  if (inForce.warnCredit !== candidate.warnCredit && after.checks.length) {
    changes.push({
      label: `warnCredit ${inForce.warnCredit}→${candidate.warnCredit}`,
      warn: true,
    });
  }
  changes.push(
    ...levelChanges(before.definition.levels, after.definition.levels, prefix),
  );
  return changes;
}
