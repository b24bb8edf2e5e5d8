import {
  WebhookSkip,
  WebhookSkipsStore,
} from '../../database/WebhookSkipsStore';

/** A WebhookSkipsStore in an array, for router tests. */
export class InMemoryWebhookSkips implements WebhookSkipsStore {
  readonly skips: WebhookSkip[] = [];

  async add(
    source: string,
    skips: Array<{ item: string; reason: string }>,
    at: Date,
  ): Promise<void> {
    for (const { item, reason } of skips) {
      this.skips.push({
        id: String(this.skips.length + 1),
        source,
        item,
        reason,
        receivedAt: at.toISOString(),
      });
    }
  }

  async list(options: { source?: string; limit: number }) {
    return {
      items: this.skips
        .filter(s => !options.source || s.source === options.source)
        .reverse()
        .slice(0, options.limit),
    };
  }

  async deleteOlderThan(): Promise<number> {
    return 0;
  }
}
