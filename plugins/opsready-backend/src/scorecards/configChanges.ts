import { CheckDescription } from '@opsready/plugin-opsready-common';
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
}

/** A change the stored results cannot show, and why. */
export interface NotPreviewed {
  change: string;
  reason: string;
}

type Check = Pick<CheckDescription, 'id' | 'weight' | 'severity'>;

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

/**
 * What a candidate changes, in the order a reviewer reads a config: checks,
 * then the warn credit, then the levels.
 */
export function configChanges(
  checks: ReadonlyArray<Check>,
  inForce: CandidateScoring,
  candidate: CandidateScoring,
): { changes: ConfigChange[]; notPreviewed: NotPreviewed[] } {
  const changes: ConfigChange[] = [];
  const notPreviewed: NotPreviewed[] = [];
  const before = new Map(scoredChecks(checks, inForce).map(c => [c.id, c]));
  const after = new Map(scoredChecks(checks, candidate).map(c => [c.id, c]));

  for (const { id } of checks) {
    const was = before.get(id);
    const will = after.get(id);
    if (was && !will) {
      changes.push({ label: `${id} disabled`, checkIds: [id] });
    } else if (!was && will) {
      notPreviewed.push({
        change: `${id} enabled`,
        reason:
          'A disabled check is not run, so no results of it are stored; the preview scores the fleet without it.',
      });
    } else if (was && will && was.weight !== will.weight) {
      changes.push({
        label: `${id} weight ${was.weight}→${will.weight}`,
        checkIds: [id],
      });
    }
    const scopeBefore = JSON.stringify(inForce.overrides.get(id)?.appliesTo);
    const scopeAfter = JSON.stringify(candidate.overrides.get(id)?.appliesTo);
    if (will && scopeBefore !== scopeAfter) {
      notPreviewed.push({
        change: `${id} appliesTo`,
        reason:
          "Where a check applies depends on each entity's type, lifecycle and tags, which the stored evaluations do not keep; the stored results of the check are scored as they are.",
      });
    }
  }

  if (inForce.warnCredit !== candidate.warnCredit) {
    changes.push({
      label: `warnCredit ${inForce.warnCredit}→${candidate.warnCredit}`,
      warn: true,
    });
  }

  const levelsBefore = new Map(inForce.levels.map(l => [l.name, l]));
  const levelsAfter = new Map(candidate.levels.map(l => [l.name, l]));
  for (const [name, was] of levelsBefore) {
    const will = levelsAfter.get(name);
    if (!will) {
      changes.push({ label: `level ${name} removed`, level: name });
      continue;
    }
    if (was.minScore !== will.minScore) {
      changes.push({
        label: `level ${name} minScore ${was.minScore}→${will.minScore}`,
        level: name,
      });
    }
    if (Boolean(was.noFailingCritical) !== Boolean(will.noFailingCritical)) {
      changes.push({
        label: `level ${name} noFailingCritical ${onOff(
          was.noFailingCritical,
        )}→${onOff(will.noFailingCritical)}`,
        level: name,
      });
    }
  }
  for (const [name, will] of levelsAfter) {
    if (!levelsBefore.has(name)) {
      changes.push({
        label: `level ${name} added (minScore ${will.minScore}${
          will.noFailingCritical ? ', noFailingCritical' : ''
        })`,
        level: name,
      });
    }
  }
  return { changes, notPreviewed };
}
