import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  readScorecards,
  readScoringConfig,
  ScorecardDefinition,
  ScoringConfig,
} from '@opsready/plugin-opsready-node';

export type { CheckOverride } from '@opsready/plugin-opsready-node';

/**
 * The `opsready` section of app-config, read and validated: what scores a
 * service (shared with the scaffolder module, per-check overrides included),
 * plus the sweep's schedule, which only the backend uses.
 */
export interface OpsReadyConfig extends ScoringConfig {
  schedule: SchedulerServiceTaskScheduleDefinition;
  /**
   * The scorecards, the first of them the entity's score; `levels` are the
   * first scorecard's.
   */
  scorecards: ScorecardDefinition[];
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
  const scoring = readScoringConfig(root);
  const scorecards = readScorecards(root, scoring.levels);
  return { ...scoring, levels: scorecards[0].levels, scorecards, schedule };
}
