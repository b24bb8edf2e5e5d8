import type { NotificationRecord } from '@opsready/plugin-opsready-common';
import type { ErrorsStore } from '../database/ErrorsStore';
import type {
  LoggedNotice,
  NoticeStatus,
  NotificationLogStore,
} from '../database/NotificationLogStore';
import type { Page, PageRequest } from '../database/types';

/** Rows one `open` listing reads at most, looking for open problems. */
const OPEN_SCAN_LIMIT = 500;

/**
 * The error group a notice about errors is about, from its scope
 * (`opsready:error:<entity ref>:<fingerprint>`, or a stale-error reminder's
 * `stale:<entity ref>:<fingerprint>`).
 */
function errorGroupOf(notice: LoggedNotice) {
  const match = /^(?:opsready:error|stale):([^:]+:[^/]+\/[^:]+):(.+)$/.exec(
    notice.scope,
  );
  return match ? { entityRef: match[1], fingerprint: match[2] } : undefined;
}

/**
 * The notification log as the API gives it, with whether each notice's
 * problem is still open: a health outage until a notice says it is over;
 * an error until its group is resolved. Other news (a level drop, an
 * exemption) is not a problem that stays open.
 */
export class NotificationLogReader {
  constructor(
    private readonly deps: {
      log: Pick<NotificationLogStore, 'list'>;
      errors: Pick<ErrorsStore, 'openGroups'>;
    },
  ) {}

  async list(
    entityRef: string,
    filter: { status?: NoticeStatus; open?: boolean },
    page: PageRequest,
  ): Promise<Page<NotificationRecord>> {
    if (!filter.open) {
      const found = await this.deps.log.list(entityRef, filter, page);
      return { ...found, items: await this.withProblemState(found.items) };
    }
    // Open problems only: read unresolved health and error notices until a
    // page of them is still open, or the scan's bound is reached.
    const items: NotificationRecord[] = [];
    let cursor = page.cursor;
    for (let scanned = 0; scanned < OPEN_SCAN_LIMIT; ) {
      const batch = await this.deps.log.list(
        entityRef,
        { ...filter, topics: ['health', 'errors'] },
        { limit: Math.max(page.limit, 50), cursor },
      );
      scanned += batch.items.length;
      for (const record of await this.withProblemState(batch.items)) {
        if (!record.problemOpen) continue;
        items.push(record);
        if (items.length === page.limit) {
          return { items, nextCursor: record.id };
        }
      }
      if (!batch.nextCursor) break;
      cursor = batch.nextCursor;
    }
    return { items };
  }

  private async withProblemState(
    notices: LoggedNotice[],
  ): Promise<NotificationRecord[]> {
    const groups = notices
      .filter(n => n.topic === 'errors' && !n.closes && !n.resolvedAt)
      .map(errorGroupOf)
      .filter((g): g is NonNullable<typeof g> => g !== undefined);
    const open =
      groups.length > 0
        ? await this.deps.errors.openGroups(groups)
        : new Map<string, unknown>();
    return notices.map(notice => {
      const group = errorGroupOf(notice);
      const problemOpen =
        !notice.closes &&
        !notice.resolvedAt &&
        (notice.topic === 'health' ||
          (notice.topic === 'errors' &&
            group !== undefined &&
            open.has(`${group.entityRef}|${group.fingerprint}`)));
      return {
        id: notice.id,
        entityRef: notice.entityRef,
        environment: notice.environment,
        topic: notice.topic,
        kind: notice.kind,
        severity: notice.severity,
        title: notice.title,
        description: notice.description,
        link: notice.link,
        scope: notice.scope,
        recipients: notice.recipients,
        status: notice.status,
        heldBy: notice.heldBy,
        createdAt: notice.createdAt,
        problemOpen,
      };
    });
  }
}
