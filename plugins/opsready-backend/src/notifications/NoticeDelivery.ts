import { LoggerService } from '@backstage/backend-plugin-api';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type {
  LoggedNotice,
  NewLoggedNotice,
  NotificationLogStore,
} from '../database/NotificationLogStore';
import { mapWithConcurrency } from '../lib/concurrency';
import type { DigestQueue } from './digest/DigestQueue';
import type { EntityDirectory } from './EntityDirectory';
import type {
  MaintenanceCalendar,
  Notice,
  NoticeDelivery,
  NotificationTopic,
} from './types';

/** Sends in flight at once: each is a request to the notifications backend. */
const SEND_CONCURRENCY = 8;
const HOUR_MS = 3_600_000;
/** Waits before the second and third try of a send. */
const RETRY_DELAYS_MS = [200, 1000];
/** How long one try of a send may take. */
const SEND_TIMEOUT_MS = 10_000;

/**
 * Whether a failed send may go through if tried again: the notification
 * service reports an answer's status only in its message.
 */
function worthRetrying(error: unknown): boolean {
  const status = /status (\d{3})/.exec(String(error))?.[1];
  if (!status) return true;
  const code = Number(status);
  return code >= 500 || code === 429;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${ms} ms`)),
      ms,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export interface DefaultNoticeDeliveryDeps {
  notifications: NotificationService;
  log: NotificationLogStore;
  directory: Pick<EntityDirectory, 'getMany'>;
  maintenance?: MaintenanceCalendar;
  digest?: DigestQueue;
  logger: LoggerService;
  /** Notifications per recipient, topic and hour. */
  perHour: number;
  now?: () => Date;
}

type Resolved = Notice & { to: string[] };

/**
 * Delivers notices through Backstage's notification service, in order:
 *
 * 1. a notice sent for its `once` key within its period is dropped;
 * 2. recipients: the entity's owners, unless the notice names its own,
 *    and whoever it says to tell as well; a notice closing a problem also
 *    goes to everyone told of it;
 * 3. a holdable notice about an entity in a maintenance window is held,
 *    to be released when the window ends if the problem is not over;
 * 4. a digestible notice goes to the digest when its topic has one;
 * 5. each recipient gets at most `perHour` notifications of a topic an
 *    hour (a notice closing a problem always goes: it updates the one they
 *    have);
 * 6. the rest is sent, and everything is logged for the timeline.
 */
export class DefaultNoticeDelivery implements NoticeDelivery {
  private readonly now: () => Date;

  constructor(private readonly deps: DefaultNoticeDeliveryDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  async deliver(notices: Notice[]): Promise<void> {
    if (notices.length === 0) return;
    const now = this.now();
    const fresh = await this.dropRepeats(notices, now);
    const resolved = await this.resolveRecipients(fresh);
    const logged: NewLoggedNotice[] = [];
    const toSend: Resolved[] = [];
    for (const notice of resolved) {
      const held = await this.heldBy(notice, now);
      if (held) {
        logged.push(entry(notice, notice.to, 'held', held));
      } else if (this.deps.digest?.accepts(notice)) {
        await this.deps.digest.add(notice, notice.to);
        logged.push(entry(notice, notice.to, 'digested'));
      } else {
        toSend.push(notice);
      }
    }
    const { allowed, limited } = await this.applyRateLimit(toSend, now);
    for (const notice of limited) {
      logged.push(entry(notice, notice.to, 'rate-limited'));
    }
    logged.push(...(await this.send(allowed, now)));
    await this.deps.log.add(logged, now);
  }

  /**
   * Sends the held notices whose window is over and whose problem is not:
   * the latest of each scope (a flapping endpoint held three times is one
   * notification), within the rate limit. All of them leave the held list.
   */
  async release(held: LoggedNotice[]): Promise<void> {
    if (held.length === 0) return;
    const now = this.now();
    const latest = new Map<string, LoggedNotice>();
    for (const notice of held) latest.set(notice.scope, notice);
    const notices: Resolved[] = [...latest.values()].map(n => ({
      ...n,
      to: n.recipients,
      holdable: false,
    }));
    const { allowed, limited } = await this.applyRateLimit(notices, now);
    await this.send(allowed, now);
    await this.deps.log.markReleased(held.map(n => n.id));
    await this.deps.log.add(
      limited.map(n => entry(n, n.to, 'rate-limited')),
      now,
    );
  }

  private async dropRepeats(notices: Notice[], now: Date): Promise<Notice[]> {
    const withOnce = notices.filter(n => n.once);
    if (withOnce.length === 0) return notices;
    const sent = new Set<string>();
    const byPeriod = new Map<number, string[]>();
    for (const n of withOnce) {
      byPeriod.set(n.once!.withinMs, [
        ...(byPeriod.get(n.once!.withinMs) ?? []),
        n.once!.key,
      ]);
    }
    for (const [withinMs, keys] of byPeriod) {
      const found = await this.deps.log.onceKeysSentSince(
        keys,
        new Date(now.getTime() - withinMs),
      );
      found.forEach(k => sent.add(k));
    }
    // Two of the same key in one batch: the first goes.
    const seen = new Set<string>();
    return notices.filter(n => {
      if (!n.once) return true;
      if (sent.has(n.once.key) || seen.has(n.once.key)) return false;
      seen.add(n.once.key);
      return true;
    });
  }

  private async resolveRecipients(notices: Notice[]): Promise<Resolved[]> {
    const needOwners = notices.filter(n => !n.recipients).map(n => n.entityRef);
    const summaries = await this.deps.directory.getMany(needOwners);
    // Everyone told of a problem hears that it is over, also those whose
    // reason to be told has gone: the owners of a dependant that came back
    // before its root cause, which left the incident quietly.
    const closing = notices.filter(n => n.closes).map(n => n.scope);
    const toldOf =
      closing.length > 0
        ? await this.deps.log.recipientsOfOpenScopes(closing)
        : new Map<string, string[]>();
    const out: Resolved[] = [];
    for (const notice of notices) {
      const base = notice.recipients ?? summaries.get(notice.entityRef)?.owners;
      const to = [
        ...new Set([
          ...(base ?? []),
          ...(notice.alsoTell ?? []),
          ...((notice.closes && toldOf.get(notice.scope)) || []),
        ]),
      ];
      if (to.length === 0) {
        this.deps.logger.info(
          `Nobody to tell of '${notice.title}': ${notice.entityRef} has no owner in the catalog`,
        );
        continue;
      }
      out.push({ ...notice, to });
    }
    return out;
  }

  private async heldBy(notice: Notice, now: Date) {
    if (!notice.holdable || !this.deps.maintenance) return undefined;
    const window = await this.deps.maintenance.activeWindow(
      notice.entityRef,
      notice.environment,
      now,
    );
    return window
      ? {
          windowId: window.windowId,
          reason: window.reason,
          until: window.endsAt,
        }
      : undefined;
  }

  private async applyRateLimit(notices: Resolved[], now: Date) {
    const allowed: Resolved[] = [];
    const limited: Resolved[] = [];
    const byTopic = new Map<NotificationTopic, Resolved[]>();
    for (const n of notices) {
      const ofTopic = byTopic.get(n.topic) ?? [];
      ofTopic.push(n);
      byTopic.set(n.topic, ofTopic);
    }
    for (const [topic, ofTopic] of byTopic) {
      const counts = await this.deps.log.sendsSince(
        ofTopic.flatMap(n => n.to),
        topic,
        new Date(now.getTime() - HOUR_MS),
      );
      for (const notice of ofTopic) {
        const open = notice.closes
          ? notice.to
          : notice.to.filter(r => (counts.get(r) ?? 0) < this.deps.perHour);
        const over = notice.to.filter(r => !open.includes(r));
        open.forEach(r => counts.set(r, (counts.get(r) ?? 0) + 1));
        if (open.length > 0) allowed.push({ ...notice, to: open });
        if (over.length > 0) limited.push({ ...notice, to: over });
      }
    }
    return { allowed, limited };
  }

  /**
   * The notifications backend may be restarting or busy (a fleet going
   * down at once is many sends): a send that times out, cannot connect, or
   * gets a 5xx or 429 is tried again twice before the notice is given up on.
   * One the backend refuses for good (a 404 where it is not installed, a
   * 400) is not. The notification service's own request has no timeout, so
   * each try gets one here.
   */
  private async sendWithRetries(
    options: Parameters<NotificationService['send']>[0],
  ): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await withTimeout(
          this.deps.notifications.send(options),
          SEND_TIMEOUT_MS,
        );
        return;
      } catch (error) {
        if (attempt >= RETRY_DELAYS_MS.length || !worthRetrying(error)) {
          throw error;
        }
        await new Promise(r => setTimeout(r, RETRY_DELAYS_MS[attempt]));
      }
    }
  }

  private async send(
    notices: Resolved[],
    now: Date,
  ): Promise<NewLoggedNotice[]> {
    if (notices.length === 0) return [];
    const toldBefore = await this.deps.log.recipientsTold(
      notices.map(n => n.scope),
    );
    // Updated where every recipient already had the scope's notification;
    // sent where it is new to at least one.
    const status = (notice: Resolved) =>
      notice.to.every(r => toldBefore.get(notice.scope)?.has(r))
        ? 'updated'
        : 'sent';
    const logged: NewLoggedNotice[] = [];
    const told = new Map<NotificationTopic, string[]>();
    await mapWithConcurrency(notices, SEND_CONCURRENCY, async notice => {
      try {
        await this.sendWithRetries({
          recipients: { type: 'entity', entityRef: notice.to },
          payload: {
            title: notice.title,
            description: notice.description,
            link: notice.link,
            severity: notice.severity,
            topic: notice.topic,
            scope: notice.scope,
          },
        });
      } catch (error) {
        // Not logged as told: the problem stays on the tabs, and the
        // timeline does not claim the owners know.
        this.deps.logger.warn(
          `Could not send the notification '${
            notice.title
          }' to ${notice.to.join(', ')}: ${error}`,
        );
        return;
      }
      const recipients = told.get(notice.topic) ?? [];
      recipients.push(...notice.to);
      told.set(notice.topic, recipients);
      logged.push(entry(notice, notice.to, status(notice)));
    });
    // Counted for the rate limit once all are sent, in a few multi-row
    // inserts rather than a statement per send, which took most of the
    // time a fleet's outage took to tell (bench/notify). This delivery read
    // its counts before sending; one running beside it (a release of held
    // notices, another replica) could already miss sends in flight, and
    // now misses them until this delivery ends.
    for (const [topic, recipients] of told) {
      await this.deps.log.recordSends(recipients, topic, now);
    }
    return logged;
  }
}

function entry(
  notice: Notice,
  recipients: string[],
  status: NewLoggedNotice['status'],
  heldBy?: NewLoggedNotice['heldBy'],
): NewLoggedNotice {
  return {
    entityRef: notice.entityRef,
    environment: notice.environment,
    topic: notice.topic,
    kind: notice.kind,
    severity: notice.severity,
    title: notice.title,
    description: notice.description,
    link: notice.link,
    scope: notice.scope,
    recipients,
    status,
    closes: notice.closes ?? false,
    heldBy,
    onceKey: notice.once?.key,
  };
}
