import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import type { NotificationLogStore } from '../database/NotificationLogStore';
import type { DefaultNoticeDelivery } from './NoticeDelivery';

/** Held notices one run releases; the rest wait a minute. */
const BATCH = 500;
/** What the rate limit needs of sends; what the timeline shows of the log. */
const SENDS_KEPT_MS = 24 * 3_600_000;
const LOG_KEPT_MS = 90 * 24 * 3_600_000;

/**
 * Every minute, once across replicas: sends what maintenance windows held,
 * once the window is over and the problem is not, and forgets old sends.
 */
export class HeldNoticeRelease {
  constructor(
    private readonly deps: {
      scheduler: SchedulerService;
      log: NotificationLogStore;
      delivery: Pick<DefaultNoticeDelivery, 'release'>;
      logger: LoggerService;
      now?: () => Date;
    },
  ) {}

  async start(): Promise<void> {
    await this.deps.scheduler.scheduleTask({
      id: 'opsready-release-held-notifications',
      frequency: { minutes: 1 },
      timeout: { minutes: 5 },
      initialDelay: { seconds: 30 },
      scope: 'global',
      fn: async () => {
        await this.run();
      },
    });
  }

  /** Releases what is due; returns how many held notices it took. */
  async run(): Promise<number> {
    const now = (this.deps.now ?? (() => new Date()))();
    const due = await this.deps.log.heldUntilBefore(now, BATCH);
    await this.deps.delivery.release(due);
    if (due.length > 0) {
      this.deps.logger.info(
        `OpsReady released ${due.length} notifications held by maintenance windows`,
      );
    }
    await this.deps.log.prune({
      sendsBefore: new Date(now.getTime() - SENDS_KEPT_MS),
      logBefore: new Date(now.getTime() - LOG_KEPT_MS),
    });
    return due.length;
  }
}
