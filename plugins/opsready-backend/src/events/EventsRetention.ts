import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { EventsStore } from '../database/EventsStore';
import { WebhookSkipsStore } from '../database/WebhookSkipsStore';

/**
 * Deletes deployments, errors and recorded webhook skips past the retention, once a day across all
 * replicas (a global task). The latest deployment of each environment
 * stays however old it is.
 */
export class EventsRetention {
  constructor(
    private readonly options: {
      store: EventsStore;
      webhookSkips: WebhookSkipsStore;
      scheduler: SchedulerService;
      logger: LoggerService;
      retentionDays: number;
    },
  ) {}

  async start(): Promise<void> {
    await this.options.scheduler.scheduleTask({
      id: 'opsready-events-retention',
      scope: 'global',
      frequency: { hours: 24 },
      timeout: { hours: 1 },
      initialDelay: { minutes: 5 },
      fn: async () => {
        await this.retain();
      },
    });
  }

  async retain(now = new Date()) {
    const { store, webhookSkips, retentionDays, logger } = this.options;
    const before = new Date(now.getTime() - retentionDays * 24 * 3600_000);
    const deleted = await store.deleteOlderThan(before);
    const skips = await webhookSkips.deleteOlderThan(before);
    logger.info(
      `OpsReady events retention (${retentionDays} days): deleted ${deleted.deployments} deployments, ${deleted.errors} errors and ${skips} webhook skips`,
    );
    return { ...deleted, webhookSkips: skips };
  }
}
