import { NotificationSeverity } from '@backstage/plugin-notifications-common';

/** A notice kept for one recipient's digest of its topic. */
export interface NewDigestItem {
  topic: string;
  /** The user or group entity ref the digest goes to. */
  recipientRef: string;
  entityRef: string;
  kind: string;
  severity: NotificationSeverity;
  title: string;
  description?: string;
  link: string;
  createdAt: Date;
}

export interface DigestItem extends Omit<NewDigestItem, 'createdAt'> {
  id: string;
  createdAt: string;
}

/** Where notices wait for the digest that carries them. */
export interface DigestStore {
  addItems(items: NewDigestItem[]): Promise<void>;
  /** Who has items of the topic waiting that were added before `before`. */
  waitingRecipients(topic: string, before: Date): Promise<string[]>;
  /**
   * The recipient's items of the topic waiting that were added before
   * `before`, oldest first, at most `limit`.
   */
  waitingItems(
    topic: string,
    recipientRef: string,
    before: Date,
    limit: number,
  ): Promise<DigestItem[]>;
  /** Marks items as carried by a digest sent at `at`. */
  markSent(ids: string[], at: Date): Promise<void>;
  /** Deletes items sent before `before`; returns how many. */
  deleteSentBefore(before: Date): Promise<number>;
}
