import { DigestStore } from '../../database/DigestStore';
import { Notice } from '../types';
import { DigestConfig } from './readDigestConfig';

/**
 * Where the notifier puts a notice instead of sending it, when the notice
 * may be digested and its topic is configured for a digest.
 */
export interface DigestQueue {
  /** Whether the notice goes into a digest rather than out at once. */
  accepts(notice: Notice): boolean;
  /** Keeps the notice for the next digest of each of these recipients. */
  add(notice: Notice, recipients: string[]): Promise<void>;
}

/** The digest queue over the digest store. */
export class StoredDigestQueue implements DigestQueue {
  constructor(
    private readonly deps: {
      store: Pick<DigestStore, 'addItems'>;
      config: Pick<DigestConfig, 'delivery'>;
      now?: () => Date;
    },
  ) {}

  accepts(notice: Notice): boolean {
    return (
      notice.digestible === true &&
      this.deps.config.delivery[notice.topic] !== 'immediate'
    );
  }

  async add(notice: Notice, recipients: string[]): Promise<void> {
    const createdAt = this.deps.now?.() ?? new Date();
    await this.deps.store.addItems(
      [...new Set(recipients)].map(recipientRef => ({
        topic: notice.topic,
        recipientRef,
        entityRef: notice.entityRef,
        kind: notice.kind,
        severity: notice.severity,
        title: notice.title,
        ...(notice.description ? { description: notice.description } : {}),
        link: notice.link,
        createdAt,
      })),
    );
  }
}
