/*
 * The notification log as the API gives it: what OpsReady told an entity's
 * owners (or held back), from the types generated from openapi.yaml.
 */
import type { ApiQuery } from './api';
import type { components } from './generated/openapi';

/**
 * One notice the notifier sent, updated or held back, as its log keeps it.
 *
 * @public
 */
export type NotificationRecord = components['schemas']['NotificationRecord'];

/**
 * What became of a notice: delivered (`sent`, `updated`, `released`), kept
 * back by a maintenance window (`held`), or not delivered on its own
 * (`rate-limited`, `digested`).
 *
 * @public
 */
export type NotificationStatus = NotificationRecord['status'];

/**
 * The topics a person can mute in their notification settings.
 *
 * @public
 */
export type NotificationRecordTopic = NotificationRecord['topic'];

/**
 * Which notices to list: by status, and (`open: true`) only those about a
 * problem that is still open.
 *
 * @public
 */
export type NotificationFilter = Omit<
  ApiQuery<'/entities/{kind}/{namespace}/{name}/notifications'>,
  'cursor' | 'limit'
>;

/**
 * The `details` of a timeline event of type `notification` ("Owners told:
 * cart down"): the notice's topic, what became of it, who it was for, and
 * the maintenance window that holds it, if one does.
 *
 * @public
 */
export interface NotificationTimelineDetails {
  /** The topic the notice was sent under, which people can mute. */
  topic: NotificationRecordTopic;
  /** What became of the notice. */
  status: NotificationStatus;
  /** Entity refs of the users and groups it was for. */
  recipients: string[];
  /** The maintenance window holding it back, while status is `held`. */
  heldBy?: NotificationRecord['heldBy'];
}
