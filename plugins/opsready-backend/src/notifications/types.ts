import type { NotificationSeverity } from '@backstage/plugin-notifications-common';

/**
 * The events service topic OpsReady publishes its domain events on. Other
 * plugins may subscribe to it too.
 */
export const OPSREADY_EVENTS_TOPIC = 'opsready';

/**
 * Something worth telling a person about, published once by the code that
 * detects it. The notifier (and anyone else) subscribes; the detecting code
 * never sends messages itself.
 */
export type DomainEvent =
  | {
      type: 'health.changed';
      entityRef: string;
      environment: string;
      url: string;
      to: 'up' | 'down';
      at: string;
      reason?: string;
      /** The endpoint changed status often enough lately to be flapping. */
      flapping: boolean;
    }
  | {
      /** A critical or high error group opened, or occurred again. */
      type: 'error.opened';
      entityRef: string;
      environment: string;
      errorId: string;
      fingerprint: string;
      severity: 'critical' | 'high';
      message: string;
      at: string;
      /** How many times the group has been seen; 1 for a new group. */
      occurrences: number;
    }
  | {
      /** A deployment began (status `started`); it may open a window. */
      type: 'deployment.started';
      entityRef: string;
      environment: string;
      deploymentId: string;
      version: string;
      at: string;
    }
  | {
      /** A deployment finished (succeeded, failed or rolled back). */
      type: 'deployment.finished';
      entityRef: string;
      environment: string;
      deploymentId: string;
      status: 'succeeded' | 'failed' | 'rolled-back';
      at: string;
    }
  | {
      type: 'deployment.rollback-advised';
      entityRef: string;
      environment: string;
      deploymentId: string;
      version: string;
      actor?: string;
      reason: string;
      at: string;
    }
  | {
      type: 'compliance.level-dropped';
      entityRef: string;
      from: string;
      to: string;
      at: string;
    }
  | {
      type: 'compliance.check-failing';
      entityRef: string;
      checkId: string;
      title: string;
      at: string;
    }
  | {
      type: 'exemption.requested';
      entityRef: string;
      exemptionId: string;
      checkId: string;
      requestedBy: string;
      reason: string;
      at: string;
    }
  | {
      type: 'exemption.decided';
      entityRef: string;
      exemptionId: string;
      checkId: string;
      requestedBy: string;
      decidedBy: string;
      decision: 'granted' | 'declined';
      note?: string;
      at: string;
    }
  | {
      type: 'exemption.expiring';
      entityRef: string;
      exemptionId: string;
      checkId: string;
      expiresAt: string;
      /** True once it has expired; false for the 7-day warning. */
      expired: boolean;
    }
  | {
      type: 'error.stale';
      entityRef: string;
      environment: string;
      errorId: string;
      fingerprint: string;
      message: string;
      openedAt: string;
      ageHours: number;
    }
  | {
      /**
       * A campaign started: launched with a start already past, or a
       * scheduled one reaching its start. Its owners in scope are told.
       */
      type: 'campaign.launched';
      campaignId: string;
      at: string;
    }
  | {
      /**
       * Owners with items left are reminded: weekly, and 7 days and 1 day
       * before the deadline.
       */
      type: 'campaign.reminder';
      campaignId: string;
      reason: 'weekly' | 'due-in-7-days' | 'due-in-1-day';
      at: string;
    }
  | {
      /** Every entity in scope is done or exempt; its owner is told. */
      type: 'campaign.completed';
      campaignId: string;
      at: string;
    };

export type DomainEventType = DomainEvent['type'];

/** Publishes domain events; the one thing detecting code depends on. */
export interface DomainEventPublisher {
  publish(events: DomainEvent[]): Promise<void>;
}

/**
 * The topics a person can mute in the notifications settings, one per kind
 * of news. They are the notification's `topic`.
 */
export const NOTIFICATION_TOPICS = [
  'health',
  'errors',
  'deployments',
  'compliance',
  'exemptions',
  'campaigns',
] as const;
export type NotificationTopic = (typeof NOTIFICATION_TOPICS)[number];

/**
 * One message to deliver, before recipients are resolved. A later notice
 * with the same `scope` updates the earlier notification in each
 * recipient's bell instead of adding one.
 */
export interface Notice {
  /**
   * The entity the news is about: its timeline shows what was sent. For a
   * campaign's news to a team, the team's group.
   */
  entityRef: string;
  environment?: string;
  topic: NotificationTopic;
  /** What kind of news it is (the domain event type, or a refinement). */
  kind: string;
  severity: NotificationSeverity;
  title: string;
  description?: string;
  /** A path in the portal, e.g. /catalog/default/component/cart/opsready-health. */
  link: string;
  scope: string;
  /** Entity refs (users or groups) to tell; default: the entity's owners. */
  recipients?: string[];
  /** Told as well as the default recipients (e.g. a deployment's actor). */
  alsoTell?: string[];
  /** Held during a maintenance window of the entity (health and errors). */
  holdable?: boolean;
  /** Gathered into the topic's digest when the topic is configured so. */
  digestible?: boolean;
  /**
   * Says the problem of its scope is over (an endpoint back up): the
   * notices before it stop counting as open, and held ones are not released.
   */
  closes?: boolean;
  /** Sent at most once per `withinMs` for the same key. */
  once?: { key: string; withinMs: number };
}

/** Turns a domain event into the notices it calls for (none is fine). */
export type DomainEventHandler<T extends DomainEventType = DomainEventType> = (
  event: Extract<DomainEvent, { type: T }>,
) => Promise<Notice[]>;

/** Delivers notices: recipients, maintenance holds, limits, digest, log. */
export interface NoticeDelivery {
  deliver(notices: Notice[]): Promise<void>;
}

/** A maintenance window in force for an entity (or its system). */
export interface ActiveMaintenance {
  windowId: string;
  reason: string;
  /** When the occurrence in force ends. */
  endsAt: string;
}

/**
 * Which maintenance windows are in force; the notifier holds health and
 * error notifications while one is.
 */
export interface MaintenanceCalendar {
  /**
   * The window in force at `at` for the entity, its system, and the
   * environment (a window without one covers all), if any.
   */
  activeWindow(
    entityRef: string,
    environment: string | undefined,
    at: Date,
  ): Promise<ActiveMaintenance | undefined>;
}
