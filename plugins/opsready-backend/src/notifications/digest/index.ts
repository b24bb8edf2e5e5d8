import {
  DatabaseService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { DatabaseDigestStore } from '../../database/DatabaseDigestStore';
import { DigestQueue, StoredDigestQueue } from './DigestQueue';
import { DigestSender } from './DigestSender';
import { readDigestConfig } from './readDigestConfig';

export type { DigestQueue } from './DigestQueue';
export { DigestSender } from './DigestSender';
export { readDigestConfig } from './readDigestConfig';
export type { DigestConfig, TopicDelivery } from './readDigestConfig';

/**
 * The digest: the queue the notifier hands digestible notices to, and the
 * sender that sends what is due (start it once at plugin start). Reads and
 * checks `opsready.notifications` at once, so a mistake stops start-up.
 */
export async function createDigest(deps: {
  /** The root config. */
  config: Config;
  database: DatabaseService;
  scheduler: SchedulerService;
  logger: LoggerService;
  notifications: NotificationService;
}): Promise<{ queue: DigestQueue; sender: DigestSender }> {
  const config = readDigestConfig(deps.config);
  const store = await DatabaseDigestStore.create({ database: deps.database });
  return {
    queue: new StoredDigestQueue({ store, config }),
    sender: new DigestSender({
      store,
      notifications: deps.notifications,
      scheduler: deps.scheduler,
      logger: deps.logger,
      config,
    }),
  };
}
