import type { NotificationStatus } from '@opsready/plugin-opsready-common';
import type { Notice, NotificationTopic } from '../notifications/types';
import { Page, PageRequest } from './types';

/**
 * What became of a notice (see the API's NotificationRecord.status): sent,
 * updated, held by a maintenance window, released when it ended,
 * rate-limited, or put in a digest.
 */
export type NoticeStatus = NotificationStatus;

/** One notice as the log keeps it: what was to be told, and what became of it. */
export type LoggedNotice = Pick<
  Notice,
  | 'entityRef'
  | 'environment'
  | 'topic'
  | 'kind'
  | 'severity'
  | 'title'
  | 'description'
  | 'link'
  | 'scope'
> & {
  id: string;
  recipients: string[];
  status: NoticeStatus;
  /** A notice that says a problem is over (an endpoint back up). */
  closes: boolean;
  heldBy?: { windowId: string; reason: string; until: string };
  /** When a later notice said the problem is over. */
  resolvedAt?: string;
  createdAt: string;
};

export type NewLoggedNotice = Omit<
  LoggedNotice,
  'id' | 'resolvedAt' | 'createdAt'
> & { onceKey?: string };

/** What OpsReady told whom, and what it held back. */
export interface NotificationLogStore {
  /** Logs notices; a closing one resolves the open ones of its scope. */
  add(notices: NewLoggedNotice[], at: Date): Promise<void>;
  /**
   * An entity's notices, newest first; `open` keeps those no later notice
   * closed (and not closing ones), `topics` those of these topics.
   */
  list(
    entityRef: string,
    filter: { status?: NoticeStatus; open?: boolean; topics?: string[] },
    page: PageRequest,
  ): Promise<Page<LoggedNotice>>;
  /** An entity's notices in a time range, newest first, at most `limit`. */
  noticesBetween(
    entityRef: string,
    range: { from: Date; to: Date },
    limit: number,
  ): Promise<LoggedNotice[]>;
  /** Of these keys, the ones a notice went out (or into a digest) for since `since`. */
  onceKeysSentSince(keys: string[], since: Date): Promise<Set<string>>;
  /**
   * Of these scopes, who has been told under each (sent, updated or
   * released): a notice to them under it updates what they have.
   */
  recipientsTold(scopes: string[]): Promise<Map<string, Set<string>>>;
  /**
   * Who has been told of each scope's open problem (by a notice sent,
   * updated or released that no closing notice has resolved yet), so that
   * everyone told hears when it is over.
   */
  recipientsOfOpenScopes(scopes: string[]): Promise<Map<string, string[]>>;
  /**
   * Held notices whose window ended before `now` and whose problem is not
   * over (a closing notice resolves itself and the ones before it).
   */
  heldUntilBefore(now: Date, limit: number): Promise<LoggedNotice[]>;
  /** Marks held notices released: they were sent when their window ended. */
  markReleased(ids: string[]): Promise<void>;

  /** Sends per recipient of a topic since `since`, for the rate limit. */
  sendsSince(
    recipients: string[],
    topic: NotificationTopic,
    since: Date,
  ): Promise<Map<string, number>>;
  recordSends(
    recipients: string[],
    topic: NotificationTopic,
    at: Date,
  ): Promise<void>;
  /** Forgets sends and log rows older than the given times. */
  prune(options: { sendsBefore: Date; logBefore: Date }): Promise<void>;
}
