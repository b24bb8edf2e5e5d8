import {
  LoggerService,
  SchedulerService,
  UrlReaderService,
  DatabaseService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { CheckIdPlaces } from '@opsready/plugin-opsready-node';
import { readCheckLocationsConfig } from '../config/readCheckLocationsConfig';
import { DatabaseCheckLocationsStore } from '../database/DatabaseCheckLocationsStore';
import { CheckLocations } from './CheckLocations';

/**
 * Reads the check locations for start-up (a bad one stops it), then has
 * one replica re-read them on schedule and every replica take up what it
 * kept, within a minute.
 */
export async function startCheckLocations(
  deps: {
    config: Config;
    database: DatabaseService;
    scheduler: SchedulerService;
    urlReader: UrlReaderService;
    logger: LoggerService;
  },
  taken: CheckIdPlaces,
): Promise<CheckLocations> {
  const { targets, schedule } = readCheckLocationsConfig(deps.config);
  const locations = new CheckLocations({
    targets,
    taken,
    urlReader: deps.urlReader,
    store: await DatabaseCheckLocationsStore.create({
      database: deps.database,
    }),
    logger: deps.logger,
  });
  if (targets.length === 0) {
    return locations;
  }
  await locations.load();
  await deps.scheduler.scheduleTask({
    id: 'opsready-refresh-check-locations',
    ...schedule,
    // One replica asks the hosts; the others take up what it keeps.
    scope: 'global',
    fn: async () => {
      await locations.refresh();
    },
  });
  await deps.scheduler.scheduleTask({
    id: 'opsready-adopt-check-locations',
    frequency: { minutes: 1 },
    timeout: { minutes: 1 },
    initialDelay: { minutes: 1 },
    scope: 'local',
    fn: () => locations.adoptKept(),
  });
  return locations;
}
