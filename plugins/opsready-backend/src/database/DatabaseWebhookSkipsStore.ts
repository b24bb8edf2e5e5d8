import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { migratedClient } from './migrate';
import { WebhookSkip, WebhookSkipsStore } from './WebhookSkipsStore';

const toIso = (value: Date | string | number) => new Date(value).toISOString();

/** WebhookSkipsStore on the plugin's database. */
export class DatabaseWebhookSkipsStore implements WebhookSkipsStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseWebhookSkipsStore> {
    return new DatabaseWebhookSkipsStore(
      await migratedClient(options.database),
    );
  }

  private constructor(private readonly db: Knex) {}

  async add(
    source: string,
    skips: Array<{ item: string; reason: string }>,
    at: Date,
  ): Promise<void> {
    if (skips.length === 0) return;
    await this.db('opsready_webhook_skips').insert(
      skips.map(({ item, reason }) => ({
        source,
        // A payload's item names are the sender's; the column is bounded.
        item: item.slice(0, 255),
        reason,
        received_at: at,
      })),
    );
  }

  async list(options: {
    source?: string;
    limit: number;
    before?: string;
  }): Promise<{ items: WebhookSkip[]; nextCursor?: string }> {
    const query = this.db('opsready_webhook_skips');
    if (options.source) query.where('source', options.source);
    if (options.before) query.where('id', '<', options.before);
    const rows = await query.orderBy('id', 'desc').limit(options.limit + 1);
    const items = rows.slice(0, options.limit).map(
      (row): WebhookSkip => ({
        id: String(row.id),
        source: row.source,
        item: row.item,
        reason: row.reason,
        receivedAt: toIso(row.received_at),
      }),
    );
    return rows.length > options.limit
      ? { items, nextCursor: items[items.length - 1].id }
      : { items };
  }

  async deleteOlderThan(before: Date): Promise<number> {
    return this.db('opsready_webhook_skips')
      .where('received_at', '<', before)
      .delete();
  }
}
