import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { readCheckLocationTargets } from '@opsready/plugin-opsready-node';

/** `opsready.checks.locations` and when they are read again. */
export interface CheckLocationsConfig {
  /** The URL of each file of declarative checks, in the order configured. */
  targets: string[];
  /** When every location is read again, conditionally on its etag. */
  schedule: SchedulerServiceTaskScheduleDefinition;
}

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 10 },
  timeout: { minutes: 5 },
  initialDelay: { minutes: 1 },
};

/**
 * Reads the check locations; a mistake, or a location given twice, stops
 * start-up naming the key.
 */
export function readCheckLocationsConfig(root: Config): CheckLocationsConfig {
  const targets = readCheckLocationTargets(root);
  const scheduleKey = 'opsready.checks.locationsSchedule';
  return {
    targets,
    schedule: root.has(scheduleKey)
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          root.getConfig(scheduleKey),
        )
      : DEFAULT_SCHEDULE,
  };
}
