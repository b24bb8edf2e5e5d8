import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';

/** `opsready.checks.locations` and when they are read again. */
export interface CheckLocationsConfig {
  /** The URL of each file of declarative checks, in the order configured. */
  targets: string[];
  /** When every location is read again, conditionally on its etag. */
  schedule: SchedulerServiceTaskScheduleDefinition;
}

const KEY = 'opsready.checks.locations';

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 10 },
  timeout: { minutes: 5 },
  initialDelay: { minutes: 1 },
};

function readTarget(location: Config, key: string): string {
  const target = location.getString('target');
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new Error(`${key}.target must be an absolute URL, got '${target}'`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`${key}.target must be an http or https URL`);
  }
  return target;
}

/**
 * Reads the check locations; a mistake, or a location given twice, stops
 * start-up naming the key.
 */
export function readCheckLocationsConfig(root: Config): CheckLocationsConfig {
  const targets: string[] = [];
  const locations = root.getOptionalConfigArray(KEY) ?? [];
  locations.forEach((location, i) => {
    const key = `${KEY}[${i}]`;
    const target = readTarget(location, key);
    const first = targets.indexOf(target);
    if (first >= 0) {
      throw new Error(
        `${key}.target is the same as ${KEY}[${first}].target; give each location once`,
      );
    }
    targets.push(target);
  });
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
