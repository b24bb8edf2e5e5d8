import {
  DomainEvent,
  DomainEventPublisher,
  Notice,
} from '../notifications/types';
import { DomainEventHandlers } from '../notifications/handlers/common';

/** A publisher that keeps what it is given, for a test to read. */
export function recordingPublisher(): DomainEventPublisher & {
  events: DomainEvent[];
} {
  const events: DomainEvent[] = [];
  return {
    events,
    async publish(published) {
      events.push(...published);
    },
  };
}

/** The notices the handlers make of these events, in order. */
export async function noticesOf(
  events: DomainEvent[],
  handlers: DomainEventHandlers,
): Promise<Notice[]> {
  const notices: Notice[] = [];
  for (const event of events) {
    const handler = handlers[event.type] as
      | ((e: DomainEvent) => Promise<Notice[]>)
      | undefined;
    if (!handler) {
      throw new Error(`No handler for ${event.type}`);
    }
    notices.push(...(await handler(event)));
  }
  return notices;
}
