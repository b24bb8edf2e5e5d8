import {
  NotificationPayload,
  NotificationSeverity,
} from '@backstage/plugin-notifications-common';
import { DigestItem } from '../../database/DigestStore';
import { boundedJoin } from '../../lib/boundedText';

/** Where a digest leads: the OpsReady page, over every entity it names. */
export const DIGEST_LINK = '/opsready';

/** The longest description a digest carries; the rest is counted. */
const MAX_DESCRIPTION = 1000;

const RANK: Record<NotificationSeverity, number> = {
  critical: 0,
  high: 1,
  normal: 2,
  low: 3,
};

/**
 * One recipient's digest of a topic: how many services it concerns in the
 * title, its items most severe first (newest first within a severity) in
 * the description, as many as fit, and the severity of the most severe.
 * The scope names the topic and the day the digest was due, so that a
 * digest sent again (after a failure to record it sent) updates the first
 * rather than adding another.
 */
export function digestPayload(
  topic: string,
  items: DigestItem[],
  dueAt: Date,
): NotificationPayload {
  const services = new Set(items.map(i => i.entityRef)).size;
  const ordered = [...items].sort(
    (a, b) =>
      RANK[a.severity] - RANK[b.severity] ||
      b.createdAt.localeCompare(a.createdAt),
  );
  const lines = [...new Set(ordered.map(i => `• ${i.title}`))];
  return {
    title: `${topic.charAt(0).toLocaleUpperCase('en-US')}${topic.slice(
      1,
    )} digest: ${services} ${services === 1 ? 'service' : 'services'} changed`,
    description: boundedJoin(lines, '\n', MAX_DESCRIPTION),
    link: DIGEST_LINK,
    severity: ordered[0]?.severity ?? 'normal',
    topic,
    scope: `digest:${topic}:${dueAt.toISOString().slice(0, 10)}`,
  };
}
