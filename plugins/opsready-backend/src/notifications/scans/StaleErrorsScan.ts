import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { ErrorsStore } from '../../database/ErrorsStore';
import { DomainEvent, DomainEventPublisher } from '../types';

const HOUR_MS = 3600_000;

/** More stale groups than this in one scan are left to a later one, and logged. */
const MAX_PER_SCAN = 1000;

/**
 * Once an hour across replicas (a global task), publishes `error.stale`
 * for each open critical error group (an entity's open errors with one
 * fingerprint: one problem) whose oldest open error started longer ago
 * than `opsready.checks.criticalErrorMaxAgeHours`: the errors that fail the
 * check "No stale critical errors". Every scan publishes them again while
 * they stay open; the handler's `once` key makes it a daily reminder.
 */
export class StaleErrorsScan {
  constructor(
    private readonly deps: {
      errors: Pick<ErrorsStore, 'openErrorGroupsBefore'>;
      publisher: DomainEventPublisher;
      scheduler: SchedulerService;
      logger: LoggerService;
      maxAgeHours: number;
    },
  ) {}

  async start(): Promise<void> {
    await this.deps.scheduler.scheduleTask({
      id: 'opsready-notify-stale-errors',
      scope: 'global',
      frequency: { hours: 1 },
      timeout: { minutes: 10 },
      initialDelay: { minutes: 3 },
      fn: async () => {
        await this.run();
      },
    });
  }

  async run(now = new Date()): Promise<{ stale: number }> {
    const { errors, publisher, logger, maxAgeHours } = this.deps;
    const groups = await errors.openErrorGroupsBefore(
      'critical',
      new Date(now.getTime() - maxAgeHours * HOUR_MS),
      MAX_PER_SCAN,
    );
    if (groups.length === MAX_PER_SCAN) {
      logger.warn(
        `OpsReady stale error scan found ${MAX_PER_SCAN} or more stale critical errors; the newest wait for a later scan`,
      );
    }
    const events: DomainEvent[] = groups.map(group => ({
      type: 'error.stale',
      entityRef: group.entityRef,
      environment: group.environment,
      errorId: group.errorId,
      fingerprint: group.fingerprint,
      message: group.message,
      openedAt: group.openedAt,
      ageHours: Math.floor(
        (now.getTime() - Date.parse(group.openedAt)) / HOUR_MS,
      ),
    }));
    if (events.length > 0) {
      await publisher.publish(events);
    }
    logger.debug(`OpsReady stale error scan: ${events.length} stale`);
    return { stale: events.length };
  }
}
