import { truncate } from '../../lib/boundedText';
import type { EntityDirectory } from '../EntityDirectory';
import { clockTime } from '../wording';
import { entityTabPath } from '../links';
import type { DomainEventHandler } from '../types';

/** Characters of an error's message a notification title carries. */
const MESSAGE_IN_TITLE = 120;

/**
 * A new critical or high error group tells the owners; each later
 * occurrence updates that notification (same scope) with the count,
 * instead of adding one.
 */
export function errorOpenedHandler(
  directory: Pick<EntityDirectory, 'get'>,
): DomainEventHandler<'error.opened'> {
  return async event => {
    const { displayName } = await directory.get(event.entityRef);
    const again = event.occurrences > 1;
    return [
      {
        entityRef: event.entityRef,
        environment: event.environment,
        topic: 'errors',
        kind: again ? 'error.recurred' : 'error.opened',
        severity: event.severity,
        title: `${again ? 'Error again' : 'New error'} in ${displayName} (${
          event.environment
        }): ${truncate(event.message, MESSAGE_IN_TITLE)}`,
        description: again
          ? `Seen ${event.occurrences} times, last at ${clockTime(
              event.at,
              event.at,
            )}.`
          : `A new ${event.severity} error, first seen at ${clockTime(
              event.at,
              event.at,
            )}.`,
        link: entityTabPath(event.entityRef, 'errors'),
        scope: `opsready:error:${event.entityRef}:${event.fingerprint}`,
        holdable: true,
      },
    ];
  };
}
