import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  defaultLevels,
  LevelDefinition,
} from '@opsready/plugin-opsready-common';
import {
  CheckApplicability,
  CheckOptions,
  defaultCheckOptions,
} from '@opsready/plugin-opsready-node';

/** What config may change about one check. */
export interface CheckOverride {
  weight?: number;
  /** Narrows where the check applies; it never widens the check's own rule. */
  appliesTo?: CheckApplicability;
}

/** The `opsready` section of app-config, read and validated. */
export interface OpsReadyConfig {
  schedule: SchedulerServiceTaskScheduleDefinition;
  disabledChecks: string[];
  overrides: Map<string, CheckOverride>;
  options: CheckOptions;
  warnCredit: number;
  levels: LevelDefinition[];
}

const defaultSchedule: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 30 },
  timeout: { minutes: 15 },
  initialDelay: { seconds: 15 },
};

/**
 * Reads `opsready` from app-config. Mistakes stop the backend at start-up
 * with the key and what is wrong, rather than scoring with a silent default.
 */
export function readOpsReadyConfig(root: Config): OpsReadyConfig {
  const config = root.getOptionalConfig('opsready');
  const checks = config?.getOptionalConfig('checks');
  const scoring = config?.getOptionalConfig('scoring');

  const schedule = config?.has('schedule')
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
        config.getConfig('schedule'),
      )
    : defaultSchedule;

  const overrides = readOverrides(checks);

  const options: CheckOptions = {
    allowedLifecycles:
      checks?.getOptionalStringArray('allowedLifecycles') ??
      defaultCheckOptions.allowedLifecycles,
    productionLifecycles:
      checks?.getOptionalStringArray('productionLifecycles') ??
      defaultCheckOptions.productionLifecycles,
    latencySloMs:
      checks?.getOptionalNumber('latencySloMs') ??
      defaultCheckOptions.latencySloMs,
    uptimeTarget:
      checks?.getOptionalNumber('uptimeTarget') ??
      defaultCheckOptions.uptimeTarget,
    deployedWithinDays:
      checks?.getOptionalNumber('deployedWithinDays') ??
      defaultCheckOptions.deployedWithinDays,
    criticalErrorMaxAgeHours:
      checks?.getOptionalNumber('criticalErrorMaxAgeHours') ??
      defaultCheckOptions.criticalErrorMaxAgeHours,
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
    schedule,
    disabledChecks: checks?.getOptionalStringArray('disabled') ?? [],
    overrides,
    options,
    warnCredit,
    levels: readLevels(scoring),
  };
}

// Check ids contain dots, which Config reads as paths: the overrides are read
// as plain data and validated here.
function readOverrides(checks: Config | undefined): Map<string, CheckOverride> {
  const raw = checks?.getOptional<Record<string, any>>('overrides') ?? {};
  const overrides = new Map<string, CheckOverride>();
  for (const [checkId, override] of Object.entries(raw)) {
    const key = `opsready.checks.overrides.${checkId}`;
    if (typeof override !== 'object' || override === null) {
      throw new Error(`${key} must be an object with weight and/or appliesTo`);
    }
    const { weight, appliesTo } = override;
    if (
      weight !== undefined &&
      (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0)
    ) {
      throw new Error(
        `${key}.weight must be a number of 0 or more, got ${weight}`,
      );
    }
    overrides.set(checkId, {
      weight,
      appliesTo: appliesTo && {
        kinds: stringArray(appliesTo.kinds, `${key}.appliesTo.kinds`),
        types: stringArray(appliesTo.types, `${key}.appliesTo.types`),
        lifecycles: stringArray(
          appliesTo.lifecycles,
          `${key}.appliesTo.lifecycles`,
        ),
        tags: stringArray(appliesTo.tags, `${key}.appliesTo.tags`),
      },
    });
  }
  return overrides;
}

function stringArray(value: unknown, key: string): string[] | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (!Array.isArray(value) || value.some(v => typeof v !== 'string')) {
    throw new Error(`${key} must be a list of strings`);
  }
  return value;
}

function readLevels(scoring: Config | undefined): LevelDefinition[] {
  const configured = scoring?.getOptionalConfigArray('levels');
  if (!configured) {
    return defaultLevels;
  }
  if (configured.length === 0) {
    throw new Error('opsready.scoring.levels must name at least one level');
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
        `opsready.scoring.levels: level '${level.name}' has minScore ${level.minScore}; it must be from 0 to 100`,
      );
    }
    if (names.has(level.name)) {
      throw new Error(
        `opsready.scoring.levels: level '${level.name}' is defined twice`,
      );
    }
    names.add(level.name);
  }
  return levels;
}
