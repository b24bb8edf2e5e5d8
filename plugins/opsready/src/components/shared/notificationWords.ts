import {
  NotificationRecord,
  NotificationStatus,
  NotificationTimelineDetails,
} from '@opsready/plugin-opsready-common';
import { DateTime } from 'luxon';

type HeldBy = NonNullable<NotificationRecord['heldBy']>;

const STATUSES: ReadonlyArray<NotificationStatus> = [
  'sent',
  'updated',
  'held',
  'released',
  'rate-limited',
  'digested',
];

/**
 * When a maintenance window ends, in the user's time zone: the time alone
 * on the same day ("14:00"), with the date otherwise ("15 Dec 14:00"), since
 * a window may run overnight.
 */
export function untilLabel(iso: string, now: DateTime = DateTime.now()) {
  const until = DateTime.fromISO(iso);
  if (!until.isValid) return undefined;
  return until.hasSame(now, 'day')
    ? until.toFormat('HH:mm')
    : until.toFormat('d LLL HH:mm');
}

/** "Held: maintenance until 14:00", or without the time when it is not known. */
export function heldLabel(heldBy?: Partial<HeldBy>): string {
  const until = heldBy?.until ? untilLabel(heldBy.until) : undefined;
  return until ? `Held: maintenance until ${until}` : 'Held: maintenance';
}

/**
 * The words for a notice that did not reach its recipients as it was
 * raised; none for one that did (sent, updated, released), and none for
 * those folded into others (digested), which the owners hear
 * of another way.
 */
export function undeliveredLabel(
  status: NotificationStatus | undefined,
  heldBy?: Partial<HeldBy>,
): string | undefined {
  if (status === 'held') return heldLabel(heldBy);
  if (status === 'rate-limited') return 'Rate-limited: not sent';
  return undefined;
}

/**
 * The words before the time in the overview card's line about the latest
 * notice on an open problem ("Owners told 12 minutes ago: cart down"): a
 * notice kept back must not read as if the owners had heard of it.
 */
export function ownersToldLead(status: NotificationStatus): string {
  switch (status) {
    case 'held':
      return 'Held from the owners';
    case 'rate-limited':
      return 'Kept from the owners by the rate limit';
    case 'digested':
      return "Put in the owners' digest";
    default:
      return 'Owners told';
  }
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every(v => typeof v === 'string');
}

/**
 * The details of a `notification` timeline event. The timeline types its
 * details loosely (each event type has its own), so what does not have the
 * expected shape is left out rather than shown wrong.
 */
export function notificationDetails(
  details: Record<string, unknown>,
): Partial<NotificationTimelineDetails> {
  const { topic, status, recipients, heldBy } = details;
  const held =
    heldBy && typeof heldBy === 'object'
      ? (heldBy as Record<string, unknown>)
      : undefined;
  return {
    topic:
      typeof topic === 'string'
        ? (topic as NotificationTimelineDetails['topic'])
        : undefined,
    status: STATUSES.includes(status as NotificationStatus)
      ? (status as NotificationStatus)
      : undefined,
    recipients: isStringArray(recipients) ? recipients : undefined,
    heldBy:
      held && typeof held.until === 'string'
        ? {
            windowId: String(held.windowId ?? ''),
            reason: String(held.reason ?? ''),
            until: held.until,
          }
        : undefined,
  };
}
