/*
 * The notifier as the plugin builds it (buildNotifications), over a scratch
 * database, the benchmark's catalog and health states, subscribed to a real
 * events service, with every send recorded as it completes.
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { DefaultEventsService } from '@backstage/plugin-events-node';
import type {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import { Knex } from 'knex';
import { DatabaseHealthIncidentsStore } from '../../plugins/opsready-backend/src/database/DatabaseHealthIncidentsStore';
import { DatabaseNotificationLogStore } from '../../plugins/opsready-backend/src/database/DatabaseNotificationLogStore';
import { EntityDirectory } from '../../plugins/opsready-backend/src/notifications/EntityDirectory';
import { notificationSeverity } from '../../plugins/opsready-backend/src/notifications/handlers/common';
import { HealthAlerts } from '../../plugins/opsready-backend/src/notifications/health/HealthAlerts';
import { DefaultNoticeDelivery } from '../../plugins/opsready-backend/src/notifications/NoticeDelivery';
import { Notifier } from '../../plugins/opsready-backend/src/notifications/Notifier';
import { EventsServicePublisher } from '../../plugins/opsready-backend/src/notifications/publisher';
import { benchCatalog } from './catalog';
import type { Fleet } from './fleet';
import type { Profile } from './profile';
import type { EndpointStates } from './sweep';

/** A notification handed to the notification service, and when it returned. */
export interface Send {
  at: number;
  recipients: string[];
  title: string;
  scope: string;
}

/** A logger that keeps quiet but counts, and shows, what went wrong. */
export function countingLogger(): LoggerService & { problems: string[] } {
  const problems: string[] = [];
  const note = (level: string) => (message: string) => {
    problems.push(`${level}: ${message}`);
    if (problems.length <= 5) process.stderr.write(`${level}: ${message}\n`);
  };
  const logger = {
    problems,
    debug() {},
    info() {},
    warn: note('warn'),
    error: note('error'),
    child: () => logger,
  };
  return logger;
}

export async function startNotifier(options: {
  db: Knex;
  fleet: Fleet;
  states: EndpointStates;
  notifications: NotificationService;
  groupWaitMs: number;
  perHour: number;
  profile: Profile;
  logger: LoggerService;
}) {
  const { profile, logger } = options;
  const database = {
    getClient: async () => options.db,
    migrations: { skip: false },
  };
  const log = await DatabaseNotificationLogStore.create({ database });
  const incidents = await DatabaseHealthIncidentsStore.create({ database });
  profile.wrap('log', log, [
    'add',
    'recordSends',
    'sendsSince',
    'recipientsTold',
    'onceKeysSentSince',
  ]);
  profile.wrap('incidents', incidents, [
    'openIncidentsOf',
    'openIncidentsByRoot',
    'openMany',
    'addMembers',
    'removeMembers',
    'resolveMany',
  ]);
  const catalog = benchCatalog(options.fleet.entities);
  profile.wrap('catalog', catalog, ['getEntitiesByRefs']);
  const directory = new EntityDirectory({
    catalog,
    auth: mockServices.auth(),
  });
  profile.wrap('directory', directory, ['getMany']);
  profile.wrap('healthStore', options.states, ['getEndpointsByKey']);

  const sends: Send[] = [];
  const notifications: NotificationService = {
    async send(send: NotificationSendOptions) {
      const started = performance.now();
      await options.notifications.send(send);
      const at = performance.now();
      profile.add('notifications.send', at - started);
      const { recipients, payload } = send;
      sends.push({
        at,
        recipients:
          recipients.type === 'entity' ? [recipients.entityRef].flat() : [],
        title: payload.title,
        scope: payload.scope ?? '',
      });
    },
  };

  const delivery = new DefaultNoticeDelivery({
    notifications,
    log,
    directory,
    logger,
    perHour: options.perHour,
  });
  const health = new HealthAlerts({
    incidents,
    endpoints: options.states,
    directory,
    severityOf: environment =>
      notificationSeverity(environment === 'production' ? 'critical' : 'high'),
  });
  profile.wrap('healthAlerts', health, ['handle']);
  profile.wrap('delivery', delivery, ['deliver']);
  // When the last delivery (sends and log) of a batch of changes ended.
  const progress = { deliveredAt: 0 };
  const deliver = delivery.deliver.bind(delivery);
  delivery.deliver = async notices => {
    try {
      return await deliver(notices);
    } finally {
      progress.deliveredAt = performance.now();
    }
  };
  const notifier = new Notifier({
    handlers: {},
    health,
    delivery,
    logger,
    groupWaitMs: options.groupWaitMs,
  });
  const events = DefaultEventsService.create({ logger }).forPlugin('opsready');
  await notifier.subscribe(events);
  return {
    publisher: new EventsServicePublisher(events),
    notifier,
    log,
    incidents,
    sends,
    progress,
  };
}
