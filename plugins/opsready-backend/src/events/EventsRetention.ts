import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { EventsStore } from '../database/EventsStore';

/**
 * Deletes deployments and errors past the retention, once a day across all
 * replicas (a global task). The latest deployment of each environment
 * stays however old it is.
 */
export class EventsRetention {
  constructor(
    private readonly options: {
      store: EventsStore;
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
    const { store, retentionDays, logger } = this.options;
    const deleted = await store.deleteOlderThan(
      new Date(now.getTime() - retentionDays * 24 * 3600_000),
    );
    logger.info(
      `OpsReady events retention (${retentionDays} days): deleted ${deleted.deployments} deployments and ${deleted.errors} errors`,
    );
    return deleted;
  }
}
