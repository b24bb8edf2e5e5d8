import { LoggerService } from '@backstage/backend-plugin-api';
import { DomainEvent, DomainEventPublisher } from './types';

/**
 * Publishes what changed, if there is a publisher and anything to say. A
 * failure is logged, never thrown: the change itself (an evaluation, an
 * exemption) is already stored, and failing the caller's request over a
 * notification would make them repeat a change that was made.
 */
export async function publishSafely(
  publisher: DomainEventPublisher | undefined,
  events: DomainEvent[],
  logger: Pick<LoggerService, 'warn'> | undefined,
): Promise<void> {
  if (!publisher || events.length === 0) {
    return;
  }
  try {
    await publisher.publish(events);
  } catch (error) {
    logger?.warn(
      `OpsReady could not publish ${events.length} domain events (${[
        ...new Set(events.map(e => e.type)),
      ].join(', ')}); they are not sent: ${error}`,
    );
  }
}
