import { Config } from '@backstage/config';
import { NOTIFICATION_TOPICS, NotificationTopic } from '../types';

/** How a topic's notices reach people: as they come, or gathered. */
export type TopicDelivery = 'immediate' | 'daily' | 'weekly';

export const WEEKDAYS = [
  'sunday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
] as const;

export interface DigestConfig {
  /** Per topic: sent at once, or gathered into a daily or weekly digest. */
  delivery: Record<NotificationTopic, TopicDelivery>;
  /** The hour of the day (UTC) digests are sent. */
  hour: number;
  /** The day weekly digests are sent, 0 for Sunday (as cron counts). */
  weekday: number;
}

const DELIVERIES: readonly TopicDelivery[] = ['immediate', 'daily', 'weekly'];

/**
 * News that must not wait for a digest: an outage, an error, a deployment
 * are worth something only while they are news; a campaign's notices are
 * already reminders.
 */
const NEVER_DIGESTED: ReadonlySet<NotificationTopic> = new Set([
  'health',
  'errors',
  'deployments',
  'campaigns',
]);

const DEFAULT_DELIVERY: Record<NotificationTopic, TopicDelivery> = {
  health: 'immediate',
  errors: 'immediate',
  deployments: 'immediate',
  compliance: 'daily',
  exemptions: 'immediate',
  campaigns: 'immediate',
};

const isTopic = (name: string): name is NotificationTopic =>
  (NOTIFICATION_TOPICS as readonly string[]).includes(name);

/**
 * Reads `opsready.notifications.topics.<topic>.delivery` and
 * `opsready.notifications.digest`. A mistake stops the backend at start-up
 * naming the key, rather than sending in a way nobody configured.
 */
export function readDigestConfig(root: Config): DigestConfig {
  const notifications = root.getOptionalConfig('opsready.notifications');
  const topics = notifications?.getOptionalConfig('topics');
  const delivery = { ...DEFAULT_DELIVERY };
  for (const name of topics?.keys() ?? []) {
    const key = `opsready.notifications.topics.${name}`;
    if (!isTopic(name)) {
      throw new Error(
        `Invalid ${key}: there is no topic '${name}'; the topics are ${NOTIFICATION_TOPICS.join(
          ', ',
        )}`,
      );
    }
    const value = topics!.getConfig(name).getOptionalString('delivery');
    if (value === undefined) continue;
    if (!(DELIVERIES as readonly string[]).includes(value)) {
      throw new Error(
        `Invalid ${key}.delivery: '${value}'; it is one of ${DELIVERIES.join(
          ', ',
        )}`,
      );
    }
    if (value !== 'immediate' && NEVER_DIGESTED.has(name)) {
      throw new Error(
        `Invalid ${key}.delivery: '${value}'; ${name} notifications are sent as they happen and cannot be gathered into a digest (only compliance and exemptions can)`,
      );
    }
    delivery[name] = value as TopicDelivery;
  }

  const digest = notifications?.getOptionalConfig('digest');
  const hour = digest?.getOptionalNumber('hour') ?? 8;
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) {
    throw new Error(
      `Invalid opsready.notifications.digest.hour: ${hour}; it is a whole hour of the day in UTC, 0 to 23`,
    );
  }
  const day = (digest?.getOptionalString('weekday') ?? 'monday').toLowerCase();
  const weekday = (WEEKDAYS as readonly string[]).indexOf(day);
  if (weekday < 0) {
    throw new Error(
      `Invalid opsready.notifications.digest.weekday: '${day}'; it is a day of the week in English, e.g. monday`,
    );
  }
  return { delivery, hour, weekday };
}
