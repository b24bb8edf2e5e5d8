import {
  AuthService,
  DatabaseService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import type { EventsService } from '@backstage/plugin-events-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import { Config } from '@backstage/config';
import { CheckDefinition } from '@opsready/plugin-opsready-node';
import { readNotificationsConfig } from '../config/readNotificationsConfig';
import { DatabaseHealthIncidentsStore } from '../database/DatabaseHealthIncidentsStore';
import { DatabaseNotificationLogStore } from '../database/DatabaseNotificationLogStore';
import type { HealthStore } from '../database/HealthStore';
import type { ErrorSeverity } from '@opsready/plugin-opsready-common';
import { EntityDirectory } from './EntityDirectory';
import { rollbackAdvisedHandler } from './handlers/deployments';
import { errorOpenedHandler } from './handlers/errors';
import { CampaignNoticeReads, triggerHandlers } from './handlers';
import { notificationSeverity } from './handlers/common';
import { HealthAlerts } from './health/HealthAlerts';
import { OutageReminders } from './health/OutageReminders';
import { HeldNoticeRelease } from './HeldNoticeRelease';
import { createDigest } from './digest';
import { DefaultNoticeDelivery } from './NoticeDelivery';
import { Notifier } from './Notifier';
import { EventsServicePublisher } from './publisher';
import type { MaintenanceCalendar } from './types';

export interface NotificationsDeps {
  /** The root config: `opsready.notifications` and the platform groups. */
  config: Config;
  checks: () => CheckDefinition[];
  database: DatabaseService;
  scheduler: SchedulerService;
  logger: LoggerService;
  auth: AuthService;
  catalog: CatalogService;
  events: EventsService;
  notifications: NotificationService;
  health: Pick<HealthStore, 'getEndpointsByKey'>;
  /** The severity of a health outage in an environment. */
  healthSeverity(environment: string): ErrorSeverity;
  maintenance?: MaintenanceCalendar;
  /** What campaign notices read of the campaigns. */
  campaigns?: CampaignNoticeReads;
}

/**
 * The publisher every detecting part gets, and, where notifications are
 * enabled, the notifier subscribed to what it publishes and the task that
 * releases what maintenance windows held.
 */
export async function buildNotifications(deps: NotificationsDeps) {
  const config = readNotificationsConfig(deps.config);
  const publisher = new EventsServicePublisher(deps.events);
  const log = await DatabaseNotificationLogStore.create(deps);
  if (!config.enabled) return { publisher, log, notifier: undefined };

  const digest = await createDigest(deps);
  await digest.sender.start();
  const directory = new EntityDirectory(deps);
  const delivery = new DefaultNoticeDelivery({
    notifications: deps.notifications,
    log,
    directory,
    maintenance: deps.maintenance,
    digest: digest.queue,
    logger: deps.logger,
    perHour: config.perHour,
  });
  const incidents = await DatabaseHealthIncidentsStore.create(deps);
  const severityOf = (environment: string) =>
    notificationSeverity(deps.healthSeverity(environment));
  const notifier = new Notifier({
    handlers: {
      'error.opened': errorOpenedHandler(directory),
      'deployment.rollback-advised': rollbackAdvisedHandler(directory),
      ...triggerHandlers(deps),
    },
    health: new HealthAlerts({
      incidents,
      endpoints: deps.health,
      directory,
      severityOf,
    }),
    delivery,
    logger: deps.logger,
    groupWaitMs: config.groupWaitMs,
  });
  await notifier.subscribe(deps.events);
  await new HeldNoticeRelease({
    scheduler: deps.scheduler,
    log,
    delivery,
    logger: deps.logger,
  }).start();
  await new OutageReminders({
    scheduler: deps.scheduler,
    incidents,
    directory,
    delivery,
    severityOf,
    repeatIntervalMs: config.repeatIntervalMs,
    logger: deps.logger,
  }).start();
  return { publisher, log, notifier, directory };
}
export type NotificationsContext = Awaited<
  ReturnType<typeof buildNotifications>
>;
