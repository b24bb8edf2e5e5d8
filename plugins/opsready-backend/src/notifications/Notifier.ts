import { LoggerService } from '@backstage/backend-plugin-api';
import type { EventsService } from '@backstage/plugin-events-node';
import type { HealthAlerts, HealthChanged } from './health/HealthAlerts';
import type { DomainEventHandlers } from './handlers/common';
import { domainEventsOf } from './publisher';
import {
  DomainEvent,
  DomainEventHandler,
  Notice,
  NoticeDelivery,
  OPSREADY_EVENTS_TOPIC,
} from './types';

export interface NotifierDeps {
  /** Every handler but health's, by the event type it turns into notices. */
  handlers: DomainEventHandlers;
  health: Pick<HealthAlerts, 'handle'>;
  delivery: NoticeDelivery;
  logger: LoggerService;
  /** How long health changes gather before they are told together. */
  groupWaitMs: number;
}

/**
 * Listens to OpsReady's domain events and tells people about them. Health
 * changes wait `groupWaitMs` to be told together, grouped by root cause;
 * everything else is told as it comes.
 */
export class Notifier {
  private healthBuffer: HealthChanged[] = [];
  private healthTimer?: ReturnType<typeof setTimeout>;
  /** Work in flight, one after the other, so incidents see a consistent order. */
  private work: Promise<void> = Promise.resolve();

  constructor(private readonly deps: NotifierDeps) {}

  /** Subscribes to the `opsready` topic of the events service. */
  async subscribe(events: EventsService): Promise<void> {
    await events.subscribe({
      id: 'opsready-notifier',
      topics: [OPSREADY_EVENTS_TOPIC],
      onEvent: async ({ eventPayload }) =>
        this.accept(domainEventsOf(eventPayload)),
    });
  }

  /** Takes domain events in; resolves once the non-health ones are told. */
  async accept(events: DomainEvent[]): Promise<void> {
    const health = events.filter(
      (e): e is HealthChanged => e.type === 'health.changed',
    );
    if (health.length > 0) this.bufferHealth(health);
    const others = events.filter(e => e.type !== 'health.changed');
    if (others.length > 0) {
      await this.enqueue(async () =>
        this.deps.delivery.deliver(await this.noticesFor(others)),
      );
    }
  }

  /** Tells what is gathered now, and waits for all work in flight. */
  async flush(): Promise<void> {
    if (this.healthTimer) clearTimeout(this.healthTimer);
    this.healthTimer = undefined;
    const batch = this.healthBuffer.splice(0);
    if (batch.length > 0) {
      await this.enqueue(async () =>
        this.deps.delivery.deliver(await this.deps.health.handle(batch)),
      );
    }
    await this.work;
  }

  private bufferHealth(events: HealthChanged[]) {
    this.healthBuffer.push(...events);
    if (this.healthTimer) return;
    this.healthTimer = setTimeout(() => {
      this.flush().catch(error =>
        this.deps.logger.error(`Could not tell of health changes: ${error}`),
      );
    }, this.deps.groupWaitMs);
  }

  private async noticesFor(events: DomainEvent[]): Promise<Notice[]> {
    const notices: Notice[] = [];
    for (const event of events) {
      const handler = this.deps.handlers[event.type] as
        | DomainEventHandler
        | undefined;
      if (!handler) continue;
      try {
        notices.push(...(await handler(event)));
      } catch (error) {
        this.deps.logger.warn(
          `Could not work out whom to tell of ${event.type} for ${subjectOf(
            event,
          )}: ${error}`,
        );
      }
    }
    return notices;
  }

  private enqueue(job: () => Promise<void>): Promise<void> {
    const run = this.work.then(job);
    this.work = run.catch(error =>
      this.deps.logger.error(`Could not deliver notifications: ${error}`),
    );
    return run;
  }
}

/** What an event is about, for a log line: its entity, or its campaign. */
function subjectOf(event: DomainEvent): string {
  if ('entityRef' in event) return event.entityRef;
  if ('campaignId' in event) return `campaign ${event.campaignId}`;
  return 'an entity';
}
