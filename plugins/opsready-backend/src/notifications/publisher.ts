import type { EventsService } from '@backstage/plugin-events-node';
import type { HealthTransitionsListener } from '../health/healthTransition';
import {
  DomainEvent,
  DomainEventPublisher,
  OPSREADY_EVENTS_TOPIC,
} from './types';

/**
 * What one message on the `opsready` topic carries: the domain events one
 * piece of work detected, together. A fleet whose shared dependency fails
 * goes down in one sweep, and with the events backend installed each
 * message is a request: one per batch, not one per endpoint.
 */
export interface OpsReadyEventsPayload {
  events: DomainEvent[];
}

/** Publishes domain events on the events service's `opsready` topic. */
export class EventsServicePublisher implements DomainEventPublisher {
  constructor(private readonly events: EventsService) {}

  async publish(events: DomainEvent[]): Promise<void> {
    if (events.length === 0) return;
    const eventPayload: OpsReadyEventsPayload = { events };
    await this.events.publish({ topic: OPSREADY_EVENTS_TOPIC, eventPayload });
  }
}

/** The domain events a message on the topic carries; nothing for others. */
export function domainEventsOf(payload: unknown): DomainEvent[] {
  const events = (payload as Partial<OpsReadyEventsPayload> | undefined)
    ?.events;
  return Array.isArray(events)
    ? events.filter(
        (e): e is DomainEvent =>
          typeof e === 'object' && e !== null && typeof e.type === 'string',
      )
    : [];
}

/** Publishes a health sweep's stored transitions, one message per batch. */
export function publishHealthTransitions(
  publisher: DomainEventPublisher,
): HealthTransitionsListener {
  return async transitions => {
    await publisher.publish(
      transitions.map(
        (t): DomainEvent => ({
          type: 'health.changed',
          entityRef: t.entityRef,
          environment: t.environment,
          url: t.url,
          to: t.transition.to,
          at: t.transition.at,
          reason: t.transition.reason,
          flapping: t.flapping,
        }),
      ),
    );
  };
}
