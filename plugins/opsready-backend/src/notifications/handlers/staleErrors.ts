import { truncate } from '../../lib/boundedText';
import { entityTabPath } from '../links';
import { Notice } from '../types';
import {
  DomainEventHandlers,
  entityName,
  notificationSeverity,
} from './common';

/** A stale error is recalled at most this often. */
const REMIND_EVERY_MS = 24 * 3600_000;

/** How long an error has been open, in the unit a reader takes in at once. */
function age(hours: number): string {
  if (hours < 48) {
    return `${hours} hours`;
  }
  return `${Math.floor(hours / 24)} days`;
}

/**
 * A reminder to an entity's owners of a critical error left open past
 * `opsready.checks.criticalErrorMaxAgeHours` (it fails the check "No stale
 * critical errors"), at most once a day per error group, held during a
 * maintenance window like any error news.
 */
export const staleErrorHandlers = {
  'error.stale': async (event): Promise<Notice[]> => {
    const notice: Notice = {
      entityRef: event.entityRef,
      environment: event.environment,
      topic: 'errors',
      kind: event.type,
      // Only critical errors go stale.
      severity: notificationSeverity('critical'),
      title: `${entityName(event.entityRef)}: a critical error in ${
        event.environment
      } has been open for ${age(event.ageHours)}`,
      description: `${truncate(event.message.trim(), 300)} — open since ${
        event.openedAt
      }. Resolve it, or lower its severity if it is not critical.`,
      link: entityTabPath(event.entityRef, 'errors'),
      scope: `stale:${event.entityRef}:${event.fingerprint}`,
      holdable: true,
      once: {
        key: `stale:${event.entityRef}:${event.fingerprint}`,
        withinMs: REMIND_EVERY_MS,
      },
    };
    return [notice];
  },
} satisfies DomainEventHandlers;
