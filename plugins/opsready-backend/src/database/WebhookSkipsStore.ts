/** A webhook event left aside, and why. */
export interface WebhookSkip {
  id: string;
  /** The webhook: `github`, `alertmanager`, `argocd`. */
  source: string;
  /** What it was, e.g. `deployment github-1234`. */
  item: string;
  reason: string;
  /** ISO 8601. */
  receivedAt: string;
}

/** Where webhook events that named no known entity are kept. */
export interface WebhookSkipsStore {
  add(
    source: string,
    skips: Array<{ item: string; reason: string }>,
    at: Date,
  ): Promise<void>;
  /** Newest first; `before` is the id the previous page ended with. */
  list(options: {
    source?: string;
    limit: number;
    before?: string;
  }): Promise<{ items: WebhookSkip[]; nextCursor?: string }>;
  deleteOlderThan(before: Date): Promise<number>;
}
