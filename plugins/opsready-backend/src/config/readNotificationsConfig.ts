import { Config } from '@backstage/config';
import { boundedNumberReader } from './boundedNumberReader';

/** The `opsready.notifications` section of app-config, read and validated. */
export interface NotificationsConfig {
  /** Whether OpsReady tells anyone anything. */
  enabled: boolean;
  /** Notifications one recipient gets per topic and hour, at most. */
  perHour: number;
  /**
   * How long health changes are gathered before they are told, so that a
   * dependency and the services it takes down, going down in the same
   * sweep, are told as one incident (Alertmanager's `group_wait`).
   */
  groupWaitMs: number;
}

/** Reads `opsready.notifications`; mistakes stop start-up naming the key. */
export function readNotificationsConfig(root: Config): NotificationsConfig {
  const config = root.getOptionalConfig('opsready.notifications');
  const number = boundedNumberReader('opsready.notifications', config);
  return {
    enabled: config?.getOptionalBoolean('enabled') ?? true,
    perHour: number('rateLimit.perHour', 20, 1, 10_000),
    groupWaitMs: number('groupWaitSeconds', 3, 0, 300) * 1000,
  };
}
