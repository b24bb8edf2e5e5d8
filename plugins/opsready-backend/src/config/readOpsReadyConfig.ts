import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  CheckApplicability,
  readScoringConfig,
  ScoringConfig,
} from '@opsready/plugin-opsready-node';

/** What config may change about one check. */
export interface CheckOverride {
  weight?: number;
  /** Narrows where the check applies; it never widens the check's own rule. */
  appliesTo?: CheckApplicability;
}

/**
 * The `opsready` section of app-config, read and validated: what scores a
 * service (shared with the scaffolder module), plus the sweep's schedule and
 * per-check overrides, which only the backend uses.
 */
export interface OpsReadyConfig extends ScoringConfig {
  schedule: SchedulerServiceTaskScheduleDefinition;
  overrides: Map<string, CheckOverride>;
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
  const schedule = config?.has('schedule')
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
        config.getConfig('schedule'),
      )
    : defaultSchedule;
  return {
    ...readScoringConfig(root),
    schedule,
    overrides: readOverrides(config?.getOptionalConfig('checks')),
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
