import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import type { NotificationTopic } from '../notifications/types';
import { CHUNK, chunks, DbTime, iso, optionalIso } from './dbValues';
import { migratedClient } from './migrate';
import {
  LoggedNotice,
  NewLoggedNotice,
  NoticeStatus,
  NotificationLogStore,
} from './NotificationLogStore';
import { Page, PageRequest } from './types';

const LOG = 'opsready_notification_log';
const SENDS = 'opsready_notification_sends';

interface LogRow {
  id: number | string;
  entity_ref: string;
  environment: string | null;
  topic: NotificationTopic;
  kind: string;
  severity: LoggedNotice['severity'];
  title: string;
  description: string | null;
  link: string;
  scope: string;
  recipients: string;
  status: NoticeStatus;
  closes: boolean | number;
  held_window_id: string | null;
  held_reason: string | null;
  held_until: DbTime | null;
  resolved_at: DbTime | null;
  created_at: DbTime;
}

function toNotice(row: LogRow): LoggedNotice {
  return {
    id: String(row.id),
    entityRef: row.entity_ref,
    environment: row.environment ?? undefined,
    topic: row.topic,
    kind: row.kind,
    severity: row.severity,
    title: row.title,
    description: row.description ?? undefined,
    link: row.link,
    scope: row.scope,
    recipients: JSON.parse(row.recipients),
    status: row.status,
    closes: Boolean(row.closes),
    heldBy:
      row.held_window_id && row.held_until
        ? {
            windowId: row.held_window_id,
            reason: row.held_reason ?? '',
            until: iso(row.held_until),
          }
        : undefined,
    resolvedAt: optionalIso(row.resolved_at),
    createdAt: iso(row.created_at),
  };
}

/** NotificationLogStore on the plugin's database. */
export class DatabaseNotificationLogStore implements NotificationLogStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseNotificationLogStore> {
    return new DatabaseNotificationLogStore(
      await migratedClient(options.database),
    );
  }

  private constructor(private readonly db: Knex) {}

  async add(notices: NewLoggedNotice[], at: Date): Promise<void> {
    if (notices.length === 0) return;
    await this.db.transaction(async tx => {
      const closing = [
        ...new Set(notices.filter(n => n.closes).map(n => n.scope)),
      ];
      for (const scopes of chunks(closing, CHUNK)) {
        await tx(LOG)
          .whereIn('scope', scopes)
          .whereNull('resolved_at')
          .update({ resolved_at: at });
      }
      for (const batch of chunks(notices, CHUNK)) {
        await tx(LOG).insert(
          batch.map(n => ({
            entity_ref: n.entityRef,
            environment: n.environment ?? null,
            topic: n.topic,
            kind: n.kind,
            severity: n.severity,
            title: n.title.slice(0, 500),
            description: n.description ?? null,
            link: n.link.slice(0, 1000),
            scope: n.scope.slice(0, 500),
            recipients: JSON.stringify(n.recipients),
            status: n.status,
            closes: n.closes,
            once_key: n.onceKey?.slice(0, 500) ?? null,
            held_window_id: n.heldBy?.windowId ?? null,
            held_reason: n.heldBy?.reason.slice(0, 500) ?? null,
            held_until: n.heldBy ? new Date(n.heldBy.until) : null,
            // A closing notice is over as soon as it is said.
            resolved_at: n.closes ? at : null,
            created_at: at,
          })),
        );
      }
    });
  }

  async list(
    entityRef: string,
    filter: { status?: NoticeStatus; open?: boolean; topics?: string[] },
    page: PageRequest,
  ): Promise<Page<LoggedNotice>> {
    const query = this.db<LogRow>(LOG).where('entity_ref', entityRef);
    if (filter.status) query.where('status', filter.status);
    if (filter.topics) query.whereIn('topic', filter.topics);
    if (filter.open) query.whereNull('resolved_at').where('closes', false);
    if (page.cursor) query.where('id', '<', Number(page.cursor));
    const rows = await query.orderBy('id', 'desc').limit(page.limit + 1);
    const items = rows.slice(0, page.limit).map(toNotice);
    return rows.length > page.limit
      ? { items, nextCursor: items[items.length - 1].id }
      : { items };
  }

  async noticesBetween(
    entityRef: string,
    range: { from: Date; to: Date },
    limit: number,
  ): Promise<LoggedNotice[]> {
    const rows = await this.db<LogRow>(LOG)
      .where('entity_ref', entityRef)
      .whereBetween('created_at', [range.from, range.to])
      .orderBy('id', 'desc')
      .limit(limit);
    return rows.map(toNotice);
  }

  async onceKeysSentSince(keys: string[], since: Date): Promise<Set<string>> {
    const found = new Set<string>();
    for (const batch of chunks([...new Set(keys)], CHUNK)) {
      const rows = await this.db(LOG)
        .distinct('once_key')
        .whereIn('once_key', batch)
        .where('created_at', '>=', since)
        .whereIn('status', ['sent', 'updated', 'held', 'digested']);
      rows.forEach(r => found.add(r.once_key));
    }
    return found;
  }

  async recipientsTold(scopes: string[]): Promise<Map<string, Set<string>>> {
    const told = new Map<string, Set<string>>();
    for (const batch of chunks([...new Set(scopes)], CHUNK)) {
      const rows: Array<Pick<LogRow, 'scope' | 'recipients'>> = await this.db(
        LOG,
      )
        .distinct('scope', 'recipients')
        .whereIn('scope', batch)
        .whereIn('status', ['sent', 'updated', 'released']);
      for (const row of rows) {
        const recipients = told.get(row.scope) ?? new Set<string>();
        for (const r of JSON.parse(row.recipients) as string[]) {
          recipients.add(r);
        }
        told.set(row.scope, recipients);
      }
    }
    return told;
  }

  async recipientsOfOpenScopes(
    scopes: string[],
  ): Promise<Map<string, string[]>> {
    const told = new Map<string, Set<string>>();
    for (const batch of chunks([...new Set(scopes)], CHUNK)) {
      const rows: Array<Pick<LogRow, 'scope' | 'recipients'>> = await this.db(
        LOG,
      )
        .select('scope', 'recipients')
        .whereIn('scope', batch)
        .whereNull('resolved_at')
        .whereIn('status', ['sent', 'updated', 'released']);
      for (const row of rows) {
        const recipients = told.get(row.scope) ?? new Set<string>();
        for (const r of JSON.parse(row.recipients) as string[]) {
          recipients.add(r);
        }
        told.set(row.scope, recipients);
      }
    }
    return new Map([...told].map(([scope, set]) => [scope, [...set]]));
  }

  async heldUntilBefore(now: Date, limit: number): Promise<LoggedNotice[]> {
    const rows = await this.db<LogRow>(LOG)
      .where('status', 'held')
      .where('held_until', '<=', now)
      .whereNull('resolved_at')
      .orderBy('id')
      .limit(limit);
    return rows.map(toNotice);
  }

  async markReleased(ids: string[]): Promise<void> {
    for (const batch of chunks(ids, CHUNK)) {
      await this.db(LOG)
        .whereIn(
          'id',
          batch.map(id => Number(id)),
        )
        .update({ status: 'released' });
    }
  }

  async sendsSince(
    recipients: string[],
    topic: NotificationTopic,
    since: Date,
  ): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const batch of chunks([...new Set(recipients)], CHUNK)) {
      const rows: Array<{ recipient_ref: string; sends: number | string }> =
        await this.db(SENDS)
          .select('recipient_ref')
          .count({ sends: '*' })
          .whereIn('recipient_ref', batch)
          .where('topic', topic)
          .where('sent_at', '>=', since)
          .groupBy('recipient_ref');
      rows.forEach(r => counts.set(String(r.recipient_ref), Number(r.sends)));
    }
    return counts;
  }

  async recordSends(
    recipients: string[],
    topic: NotificationTopic,
    at: Date,
  ): Promise<void> {
    for (const batch of chunks(recipients, CHUNK)) {
      await this.db(SENDS).insert(
        batch.map(recipient_ref => ({ recipient_ref, topic, sent_at: at })),
      );
    }
  }

  async prune(options: { sendsBefore: Date; logBefore: Date }): Promise<void> {
    await this.db(SENDS).where('sent_at', '<', options.sendsBefore).delete();
    await this.db(LOG).where('created_at', '<', options.logBefore).delete();
  }
}
