import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { DigestStore } from '../../database/DigestStore';
import { NOTIFICATION_TOPICS } from '../types';
import { digestPayload } from './digestMessage';
import { lastDueTime } from './digestSchedule';
import { DigestConfig } from './readDigestConfig';

const DAY_MS = 24 * 3600_000;

/** Items one digest reads at most; the rest go in the next run's. */
const MAX_ITEMS = 1000;

/** Sent items are kept this long, for whoever asks what a digest held. */
const KEEP_SENT_MS = 30 * DAY_MS;

/**
 * A run this close before the due time counts as at it: the scheduler may
 * start a task a moment early.
 */
const EARLY_MS = 60_000;

/**
 * Sends the digests: per topic and recipient, one notification listing the
 * items gathered up to the time the digest was due, then marks them sent.
 * A digest that cannot be sent leaves its items waiting for the next run.
 *
 * The task runs every quarter of an hour, once across replicas, and sends
 * what is due. The due times are a cron expression (from the configured
 * hour and weekday) read in UTC: the scheduler reads its cron in the
 * backend's local time zone, which would move the digest with it. Running
 * often also sends what a backend that was down at the due time missed.
 * A topic set back to `immediate` sends what still waits at the next run.
 */
export class DigestSender {
  constructor(
    private readonly deps: {
      store: DigestStore;
      notifications: NotificationService;
      scheduler: SchedulerService;
      logger: LoggerService;
      config: DigestConfig;
    },
  ) {}

  async start(): Promise<void> {
    await this.deps.scheduler.scheduleTask({
      id: 'opsready-notification-digests',
      scope: 'global',
      frequency: { cron: '*/15 * * * *' },
      timeout: { minutes: 10 },
      fn: async () => {
        await this.run();
      },
    });
  }

  /** Sends every digest due at `now`; returns how many went and failed. */
  async run(now = new Date()): Promise<{ sent: number; failed: number }> {
    const { store, logger } = this.deps;
    let sent = 0;
    let failed = 0;
    for (const topic of NOTIFICATION_TOPICS) {
      const delivery = this.deps.config.delivery[topic];
      const dueAt =
        delivery === 'immediate'
          ? now
          : lastDueTime(
              delivery,
              this.deps.config,
              new Date(now.getTime() + EARLY_MS),
            );
      for (const recipient of await store.waitingRecipients(topic, dueAt)) {
        if (await this.send(topic, recipient, dueAt, now)) {
          sent++;
        } else {
          failed++;
        }
      }
    }
    await store.deleteSentBefore(new Date(now.getTime() - KEEP_SENT_MS));
    if (sent + failed > 0) {
      logger.info(
        `OpsReady sent ${sent} notification digests${
          failed ? `; ${failed} failed and wait for the next run` : ''
        }`,
      );
    }
    return { sent, failed };
  }

  private async send(
    topic: string,
    recipient: string,
    dueAt: Date,
    now: Date,
  ): Promise<boolean> {
    const { store, notifications, logger } = this.deps;
    try {
      const items = await store.waitingItems(
        topic,
        recipient,
        dueAt,
        MAX_ITEMS,
      );
      if (items.length === 0) return true;
      await notifications.send({
        recipients: { type: 'entity', entityRef: recipient },
        payload: digestPayload(topic, items, dueAt),
      });
      await store.markSent(
        items.map(i => i.id),
        now,
      );
      return true;
    } catch (error) {
      logger.warn(
        `OpsReady could not send the ${topic} digest to ${recipient}; its items wait for the next run: ${error}`,
      );
      return false;
    }
  }
}
