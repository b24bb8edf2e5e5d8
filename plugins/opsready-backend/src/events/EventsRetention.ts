import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { DeploymentsStore } from '../database/DeploymentsStore';
import { ErrorsStore } from '../database/ErrorsStore';
import { WebhookSkipsStore } from '../database/WebhookSkipsStore';

/**
 * Deletes deployments, errors and recorded webhook skips past the retention, once a day across all
 * replicas (a global task). The latest deployment of each environment
 * stays however old it is.
 */
export class EventsRetention {
  constructor(
    private readonly options: {
      deployments: Pick<DeploymentsStore, 'deleteOlderThan'>;
      errors: Pick<ErrorsStore, 'deleteOlderThan'>;
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
    const { retentionDays, logger } = this.options;
    const before = new Date(now.getTime() - retentionDays * 24 * 3600_000);
    const deployments = await this.options.deployments.deleteOlderThan(before);
    const errors = await this.options.errors.deleteOlderThan(before);
    const webhookSkips = await this.options.webhookSkips.deleteOlderThan(
      before,
    );
    logger.info(
      `OpsReady events retention (${retentionDays} days): deleted ${deployments} deployments, ${errors} errors and ${webhookSkips} webhook skips`,
    );
    return { deployments, errors, webhookSkips };
  }
}
