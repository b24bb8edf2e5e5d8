import { parseEntityRef } from '@backstage/catalog-model';
import { truncate } from '../../lib/boundedText';
import { entityTabPath } from '../links';
import { DomainEvent, Notice } from '../types';
import { DAY_MS, DomainEventHandlers, entityName } from './common';

/** How long a warning or an expiry is told at most once. */
const EXPIRY_ONCE_MS = 30 * DAY_MS;

/** The longest reason or note a notification quotes. */
const MAX_QUOTE = 300;

type ExemptionEvent = Extract<
  DomainEvent,
  {
    type: 'exemption.requested' | 'exemption.decided' | 'exemption.expiring';
  }
>;

/**
 * A user to tell, from who asked for an exemption as records name them
 * (principalName): a user's entity ref, or a service's subject for
 * requests made with service credentials. A service has no one to tell.
 */
export function requesterToTell(requestedBy: string): string | undefined {
  try {
    const ref = parseEntityRef(requestedBy);
    return ref.kind.toLocaleLowerCase('en-US') === 'user'
      ? requestedBy
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Exemption news: a request waits for a decision (to the platform groups,
 * who decide), a request was decided (to whoever asked), an exemption
 * expires within a week or has expired (to the entity's owners). Each
 * exemption's notifications share a scope, so a later one updates the
 * earlier in a recipient's bell.
 */
export function createExemptionHandlers(options: {
  /** Normalised group refs of `opsready.permissions.platformGroups`. */
  platformGroups: string[];
  /** A check's title, where the check is still in force. */
  checkTitle?: (checkId: string) => string | undefined;
}) {
  const base = (event: ExemptionEvent) => {
    const title = options.checkTitle?.(event.checkId);
    return {
      name: entityName(event.entityRef),
      check: title ? `"${title}"` : event.checkId,
      notice: {
        entityRef: event.entityRef,
        topic: 'exemptions' as const,
        kind: event.type,
        link: entityTabPath(event.entityRef, 'compliance'),
        scope: `exemption:${event.exemptionId}`,
        digestible: true,
      },
    };
  };

  return {
    'exemption.requested': async (event): Promise<Notice[]> => {
      // Nobody may decide without platform groups; the owners asked and
      // know already.
      if (options.platformGroups.length === 0) {
        return [];
      }
      const { name, check, notice } = base(event);
      return [
        {
          ...notice,
          severity: 'normal',
          title: `${name}: an exemption from ${check} waits for a decision`,
          description: `${event.requestedBy} asks: ${truncate(
            event.reason,
            MAX_QUOTE,
          )}`,
          recipients: options.platformGroups,
        },
      ];
    },
    'exemption.decided': async (event): Promise<Notice[]> => {
      const requester = requesterToTell(event.requestedBy);
      // A service has no inbox; and whoever decided their own request knows.
      if (!requester || requester === event.decidedBy) {
        return [];
      }
      const { name, check, notice } = base(event);
      const note = event.note ? `: ${truncate(event.note, MAX_QUOTE)}` : '.';
      return [
        {
          ...notice,
          severity: 'normal',
          title: `${name}: your exemption from ${check} was ${event.decision}`,
          description: `${event.decidedBy} ${event.decision} it${note}`,
          recipients: [requester],
        },
      ];
    },
    'exemption.expiring': async (event): Promise<Notice[]> => {
      const { name, check, notice } = base(event);
      const until = event.expiresAt.slice(0, 10);
      if (event.expired) {
        return [
          {
            ...notice,
            // The check counts again: the level may drop with it.
            severity: 'high',
            title: `${name}: the exemption from ${check} has expired`,
            description: `It expired on ${until}; the check counts in the score again. Fix what it reports, or ask for a new exemption.`,
            once: {
              key: `exemption-expiring:${event.exemptionId}:expired`,
              withinMs: EXPIRY_ONCE_MS,
            },
          },
        ];
      }
      return [
        {
          ...notice,
          severity: 'normal',
          title: `${name}: the exemption from ${check} expires on ${until}`,
          description:
            'After that the check counts in the score again. Fix what it reports before then, or ask for a new exemption.',
          once: {
            key: `exemption-expiring:${event.exemptionId}:warning`,
            withinMs: EXPIRY_ONCE_MS,
          },
        },
      ];
    },
  } satisfies DomainEventHandlers;
}
