import {
  AuthService,
  DatabaseService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import type { EventsService } from '@backstage/plugin-events-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { NotificationsConfig } from '../config/readNotificationsConfig';
import { DatabaseHealthIncidentsStore } from '../database/DatabaseHealthIncidentsStore';
import { DatabaseNotificationLogStore } from '../database/DatabaseNotificationLogStore';
import type { HealthStore } from '../database/HealthStore';
import type { ErrorSeverity } from '@opsready/plugin-opsready-common';
import { EntityDirectory } from './EntityDirectory';
import { rollbackAdvisedHandler } from './handlers/deployments';
import { errorOpenedHandler } from './handlers/errors';
import { notificationSeverity } from './handlers/severity';
import { HealthAlerts } from './health/HealthAlerts';
import { HeldNoticeRelease } from './HeldNoticeRelease';
import { DefaultNoticeDelivery, DigestQueue } from './NoticeDelivery';
import { DomainEventHandlers, Notifier } from './Notifier';
import { EventsServicePublisher } from './publisher';
import type { MaintenanceCalendar } from './types';

export interface NotificationsDeps {
  config: NotificationsConfig;
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
  digest?: DigestQueue;
  /** Handlers of further domain events, beside the built-in ones. */
  handlers?: DomainEventHandlers;
}

/**
 * The publisher every detecting part gets, and, where notifications are
 * enabled, the notifier subscribed to what it publishes and the task that
 * releases what maintenance windows held.
 */
export async function buildNotifications(deps: NotificationsDeps) {
  const publisher = new EventsServicePublisher(deps.events);
  const log = await DatabaseNotificationLogStore.create(deps);
  if (!deps.config.enabled) return { publisher, log, notifier: undefined };

  const directory = new EntityDirectory(deps);
  const delivery = new DefaultNoticeDelivery({
    notifications: deps.notifications,
    log,
    directory,
    maintenance: deps.maintenance,
    digest: deps.digest,
    logger: deps.logger,
    perHour: deps.config.perHour,
  });
  const notifier = new Notifier({
    handlers: {
      'error.opened': errorOpenedHandler(directory),
      'deployment.rollback-advised': rollbackAdvisedHandler(directory),
      ...deps.handlers,
    },
    health: new HealthAlerts({
      incidents: await DatabaseHealthIncidentsStore.create(deps),
      endpoints: deps.health,
      directory,
      severityOf: environment =>
        notificationSeverity(deps.healthSeverity(environment)),
    }),
    delivery,
    logger: deps.logger,
    groupWaitMs: deps.config.groupWaitMs,
  });
  await notifier.subscribe(deps.events);
  await new HeldNoticeRelease({
    scheduler: deps.scheduler,
    log,
    delivery,
    logger: deps.logger,
  }).start();
  return { publisher, log, notifier, directory };
}
export type NotificationsContext = Awaited<
  ReturnType<typeof buildNotifications>
>;
