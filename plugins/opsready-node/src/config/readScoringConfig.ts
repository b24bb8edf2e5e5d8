import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import {
  DEFAULT_PENDING_FOR_MS,
  defaultLevels,
  LevelDefinition,
} from '@opsready/plugin-opsready-common';
import { CheckOptions, defaultCheckOptions } from '../checks/types';
import { CheckOverride, readCheckOverrides } from './checkOverrides';

/**
 * What turns facts into check results, a score and a level: the parts of the
 * `opsready` app-config that the backend and the scaffolder's
 * `opsready:compliance:verify` must read alike, so that a template run and
 * the backend agree on the level a new service reaches.
 */
export interface ScoringConfig {
  disabledChecks: string[];
  /** Per check id, from `opsready.checks.overrides`: weight and scope. */
  overrides: Map<string, CheckOverride>;
  options: CheckOptions;
  warnCredit: number;
  levels: LevelDefinition[];
  /**
   * How long after an entity's first evaluation its checks may stay
   * `pending` (out of the score) before they count as `unknown`, in ms;
   * from `opsready.checks.pendingFor`, seven days by default.
   */
  pendingForMs: number;
}

/**
 * Reads `opsready.checks` and `opsready.scoring`. Mistakes throw with the key
 * and what is wrong, rather than scoring with a silent default.
 */
export function readScoringConfig(root: Config): ScoringConfig {
  const checks = root.getOptionalConfig('opsready.checks');
  const scoring = root.getOptionalConfig('opsready.scoring');

  // An option left out of the config keeps its default.
  const strings = (key: 'allowedLifecycles' | 'productionLifecycles') =>
    checks?.getOptionalStringArray(key) ?? defaultCheckOptions[key];
  const number = (
    key:
      | 'latencySloMs'
      | 'uptimeTarget'
      | 'deployedWithinDays'
      | 'criticalErrorMaxAgeHours',
  ) => checks?.getOptionalNumber(key) ?? defaultCheckOptions[key];
  const options: CheckOptions = {
    allowedLifecycles: strings('allowedLifecycles'),
    productionLifecycles: strings('productionLifecycles'),
    latencySloMs: number('latencySloMs'),
    uptimeTarget: number('uptimeTarget'),
    deployedWithinDays: number('deployedWithinDays'),
    criticalErrorMaxAgeHours: number('criticalErrorMaxAgeHours'),
  };
  if (options.uptimeTarget < 0 || options.uptimeTarget > 1) {
    throw new Error(
      `opsready.checks.uptimeTarget is a share from 0 to 1 (e.g. 0.99), got ${options.uptimeTarget}`,
    );
  }

  const warnCredit = scoring?.getOptionalNumber('warnCredit') ?? 0.5;
  if (warnCredit < 0 || warnCredit > 1) {
    throw new Error(
      `opsready.scoring.warnCredit is a share from 0 to 1, got ${warnCredit}`,
    );
  }

  return {
    disabledChecks: checks?.getOptionalStringArray('disabled') ?? [],
    overrides: readCheckOverrides(checks),
    options,
    warnCredit,
    levels: readLevels(scoring, 'opsready.scoring.levels') ?? defaultLevels,
    pendingForMs: readPendingFor(checks),
  };
}

function readPendingFor(checks: Config | undefined): number {
  if (!checks?.has('pendingFor')) {
    return DEFAULT_PENDING_FOR_MS;
  }
  let ms: number;
  try {
    ms = durationToMilliseconds(
      readDurationFromConfig(checks, { key: 'pendingFor' }),
    );
  } catch (error) {
    throw new Error(
      `opsready.checks.pendingFor must be a duration such as { days: 7 } or 'P7D': ${
        (error as Error).message
      }`,
    );
  }
  if (!Number.isFinite(ms) || ms < 0) {
    throw new Error(
      `opsready.checks.pendingFor must be a duration of 0 or more, got ${ms} ms`,
    );
  }
  return ms;
}

/** The highest level: what a golden template must reach unless told less. */
export function topLevel(levels: LevelDefinition[]): string {
  return [...levels].sort((a, b) => b.minScore - a.minScore)[0].name;
}

/**
 * The `levels` list under `parent`, validated, or undefined when it is not
 * set; `key` names the list in messages, e.g. `opsready.scoring.levels`.
 */
export function readLevels(
  parent: Config | undefined,
  key: string,
): LevelDefinition[] | undefined {
  const configured = parent?.getOptionalConfigArray('levels');
  if (!configured) {
    return undefined;
  }
  if (configured.length === 0) {
    throw new Error(`${key} must name at least one level`);
  }
  const levels = configured.map(level => ({
    name: level.getString('name'),
    minScore: level.getNumber('minScore'),
    noFailingCritical: level.getOptionalBoolean('noFailingCritical') ?? false,
  }));
  const names = new Set<string>();
  for (const level of levels) {
    if (level.minScore < 0 || level.minScore > 100) {
      throw new Error(
        `${key}: level '${level.name}' has minScore ${level.minScore}; it must be from 0 to 100`,
      );
    }
    if (names.has(level.name)) {
      throw new Error(`${key}: level '${level.name}' is defined twice`);
    }
    names.add(level.name);
  }
  return levels;
}
