import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import type { NotificationSeverity } from '@backstage/plugin-notifications-common';
import type { HealthIncidentsStore } from '../../database/HealthIncidentsStore';
import type { EntityDirectory } from '../EntityDirectory';
import type { Notice, NoticeDelivery } from '../types';
import { incidentNotices } from './incidentNotices';

/** Incidents one run reminds of, at most. */
const BATCH = 1000;

/** `25 min`, `3 h`, `2 days`. */
function durationSince(from: string, now: Date): string {
  const minutes = Math.max(
    1,
    Math.round((now.getTime() - Date.parse(from)) / 60_000),
  );
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.round(hours / 24)} days`;
}

/**
 * An outage that goes on is told again every `repeatInterval`
 * (Alertmanager's `repeat_interval`), in the notification each recipient
 * already has: the same scope, so it is updated ("still down, for 3 h") and
 * comes back to the top of the bell, never added as a second one.
 */
export class OutageReminders {
  constructor(
    private readonly deps: {
      scheduler: SchedulerService;
      incidents: Pick<HealthIncidentsStore, 'openBefore'>;
      directory: Pick<EntityDirectory, 'getMany'>;
      delivery: NoticeDelivery;
      severityOf(environment: string): NotificationSeverity;
      repeatIntervalMs: number;
      logger: LoggerService;
      now?: () => Date;
    },
  ) {}

  async start(): Promise<void> {
    await this.deps.scheduler.scheduleTask({
      id: 'opsready-remind-open-outages',
      frequency: { milliseconds: this.deps.repeatIntervalMs },
      timeout: { minutes: 5 },
      initialDelay: { milliseconds: this.deps.repeatIntervalMs },
      scope: 'global',
      fn: async () => {
        await this.run();
      },
    });
  }

  /** Reminds of the outages open longer than the interval; returns how many. */
  async run(): Promise<number> {
    const now = (this.deps.now ?? (() => new Date()))();
    const open = await this.deps.incidents.openBefore(
      new Date(now.getTime() - this.deps.repeatIntervalMs),
      BATCH,
    );
    const notices: Notice[] = [];
    for (const incident of open) {
      const told = await incidentNotices(incident, {
        directory: this.deps.directory,
        severity: this.deps.severityOf(incident.environment),
        joined: incident.members,
        alreadyIn: [],
        flapping: new Set(),
      });
      const since = durationSince(incident.openedAt, now);
      notices.push(
        ...told.map(notice =>
          notice.entityRef === incident.rootRef && notice.kind !== 'health.up'
            ? {
                ...notice,
                kind: 'health.still-down',
                title: `${notice.title.replace(
                  / is down in /,
                  ' is still down in ',
                )} (for ${since})`,
              }
            : notice,
        ),
      );
    }
    await this.deps.delivery.deliver(notices);
    if (open.length > 0) {
      this.deps.logger.info(
        `OpsReady reminded the owners of ${open.length} outages still open`,
      );
    }
    return open.length;
  }
}
