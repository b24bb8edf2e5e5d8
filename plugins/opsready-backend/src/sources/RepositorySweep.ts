import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { RepositoriesStore } from '../database/RepositoriesStore';
import { RefreshReport, RepositoryRefresh } from './RepositoryRefresh';

/** What one sweep of the repositories did. */
export interface RepositorySweepReport extends RefreshReport {
  checked: number;
  durationMs: number;
}

/**
 * Asks every repository in use whether it changed, once per period across
 * replicas, those confirmed longest ago first. A repository its host's
 * budget does not allow before `sweepWithinMs` is deferred: it keeps its
 * facts, marked with their age, and comes first next time.
 */
export class RepositorySweep {
  constructor(
    private readonly deps: {
      store: Pick<RepositoriesStore, 'listRepositoriesToCheck'>;
      refresh: Pick<RepositoryRefresh, 'run'>;
      scheduler: SchedulerService;
      logger: LoggerService;
      schedule: SchedulerServiceTaskScheduleDefinition;
      sweepWithinMs: number;
    },
  ) {}

  async start(): Promise<void> {
    await this.deps.scheduler.scheduleTask({
      id: 'opsready-refresh-repositories',
      ...this.deps.schedule,
      scope: 'global',
      fn: async signal => {
        await this.run(signal);
      },
    });
  }

  async run(signal?: AbortSignal): Promise<RepositorySweepReport> {
    const started = Date.now();
    const repositories = await this.deps.store.listRepositoriesToCheck();
    const report = await this.deps.refresh.run(repositories, {
      waitUntil: started + this.deps.sweepWithinMs,
      signal,
    });
    const durationMs = Date.now() - started;
    this.deps.logger.info(
      `OpsReady asked ${repositories.length} repositories whether they changed in ${durationMs} ms: ${report.changed.length} changed, ${report.unchanged.length} unchanged, ${report.failed.length} failed, ${report.deferred.length} deferred by request budgets; evaluated ${report.reevaluated} components again`,
    );
    if (report.deferred.length > 0) {
      this.deps.logger.warn(
        `OpsReady deferred ${
          report.deferred.length
        } repositories to the next sweep, their request budgets spent; they keep their last facts. First deferred: ${report.deferred
          .slice(0, 5)
          .join(', ')}`,
      );
    }
    return { ...report, checked: repositories.length, durationMs };
  }
}
