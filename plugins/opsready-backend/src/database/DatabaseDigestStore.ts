import { DatabaseService } from '@backstage/backend-plugin-api';
import { NotificationSeverity } from '@backstage/plugin-notifications-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { CHUNK, chunks, DbTime, iso } from './dbValues';
import { DigestItem, DigestStore, NewDigestItem } from './DigestStore';
import { migratedClient } from './migrate';

const TABLE = 'opsready_notification_digest_items';

/** A row of `opsready_notification_digest_items`. */
interface DigestItemRow {
  id: string;
  topic: string;
  recipient_ref: string;
  entity_ref: string;
  kind: string;
  severity: NotificationSeverity;
  title: string;
  description: string | null;
  link: string;
  created_at: DbTime;
  sent_at: DbTime | null;
}

function toItem(row: DigestItemRow): DigestItem {
  return {
    id: row.id,
    topic: row.topic,
    recipientRef: row.recipient_ref,
    entityRef: row.entity_ref,
    kind: row.kind,
    severity: row.severity,
    title: row.title,
    ...(row.description ? { description: row.description } : {}),
    link: row.link,
    createdAt: iso(row.created_at),
  };
}

/** The knex-backed store of digest items, on SQLite or PostgreSQL. */
export class DatabaseDigestStore implements DigestStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseDigestStore> {
    return new DatabaseDigestStore(await migratedClient(options.database));
  }

  private constructor(private readonly db: Knex) {}

  async addItems(items: NewDigestItem[]): Promise<void> {
    const rows: DigestItemRow[] = items.map(item => ({
      id: randomUUID(),
      topic: item.topic,
      recipient_ref: item.recipientRef,
      entity_ref: item.entityRef,
      kind: item.kind,
      severity: item.severity,
      title: item.title,
      description: item.description ?? null,
      link: item.link,
      created_at: item.createdAt,
      sent_at: null,
    }));
    for (const batch of chunks(rows, CHUNK)) {
      await this.db<DigestItemRow>(TABLE).insert(batch);
    }
  }

  private waiting(topic: string, before: Date) {
    return this.db<DigestItemRow>(TABLE)
      .whereNull('sent_at')
      .where('topic', topic)
      .where('created_at', '<', before);
  }

  async waitingRecipients(topic: string, before: Date): Promise<string[]> {
    const rows: Array<Pick<DigestItemRow, 'recipient_ref'>> =
      await this.waiting(topic, before)
        .distinct('recipient_ref')
        .orderBy('recipient_ref');
    return rows.map(r => r.recipient_ref);
  }

  async waitingItems(
    topic: string,
    recipientRef: string,
    before: Date,
    limit: number,
  ): Promise<DigestItem[]> {
    const rows = await this.waiting(topic, before)
      .where('recipient_ref', recipientRef)
      .orderBy([
        { column: 'created_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ])
      .limit(limit);
    return rows.map(toItem);
  }

  async markSent(ids: string[], at: Date): Promise<void> {
    for (const batch of chunks(ids, CHUNK)) {
      await this.db<DigestItemRow>(TABLE)
        .whereIn('id', batch)
        .update({ sent_at: at });
    }
  }

  async deleteSentBefore(before: Date): Promise<number> {
    return this.db<DigestItemRow>(TABLE)
      .whereNotNull('sent_at')
      .where('sent_at', '<', before)
      .delete();
  }
}
