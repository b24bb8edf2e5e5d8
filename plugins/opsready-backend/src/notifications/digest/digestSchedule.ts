import { CronTime } from 'cron';
import { DigestConfig } from './readDigestConfig';

const DAY_MS = 24 * 3600_000;

/** When a daily or weekly digest is due, as a cron expression in UTC. */
export function digestCron(
  cadence: 'daily' | 'weekly',
  config: Pick<DigestConfig, 'hour' | 'weekday'>,
): string {
  return cadence === 'daily'
    ? `0 ${config.hour} * * *`
    : `0 ${config.hour} * * ${config.weekday}`;
}

/**
 * The latest time the digest was due at or before `now` (in UTC, whatever
 * the backend's time zone). Every period of the cadence holds exactly one
 * such time, so it is the first after `now` less one period.
 */
export function lastDueTime(
  cadence: 'daily' | 'weekly',
  config: Pick<DigestConfig, 'hour' | 'weekday'>,
  now: Date,
): Date {
  const period = cadence === 'daily' ? DAY_MS : 7 * DAY_MS;
  const cron = new CronTime(digestCron(cadence, config), 'UTC');
  return cron
    .getNextDateFrom(new Date(now.getTime() - period), 'UTC')
    .toJSDate();
}
