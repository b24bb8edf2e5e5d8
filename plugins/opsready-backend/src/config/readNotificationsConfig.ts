import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
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
  /** How often an outage still going on is told again, in place. */
  repeatIntervalMs: number;
}

/** Reads `opsready.notifications`; mistakes stop start-up naming the key. */
export function readNotificationsConfig(root: Config): NotificationsConfig {
  const config = root.getOptionalConfig('opsready.notifications');
  const number = boundedNumberReader('opsready.notifications', config);
  return {
    enabled: config?.getOptionalBoolean('enabled') ?? true,
    perHour: number('rateLimit.perHour', 20, 1, 10_000),
    groupWaitMs: number('groupWaitSeconds', 3, 0, 300) * 1000,
    repeatIntervalMs: repeatInterval(config),
  };
}

/** `repeatInterval`: a duration from 10 seconds to 7 days; 4 hours if unset. */
function repeatInterval(config: Config | undefined): number {
  const key = 'opsready.notifications.repeatInterval';
  if (!config?.has('repeatInterval')) return 4 * 3_600_000;
  let ms: number;
  try {
    ms = durationToMilliseconds(
      readDurationFromConfig(config, { key: 'repeatInterval' }),
    );
  } catch (error) {
    throw new Error(`${key} must be a duration, e.g. { hours: 4 }: ${error}`);
  }
  if (!(ms >= 10_000 && ms <= 7 * 86_400_000)) {
    throw new Error(`${key} must be from 10 seconds to 7 days, got ${ms} ms`);
  }
  return ms;
}
