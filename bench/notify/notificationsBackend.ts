/*
 * The real notifications backend (NOTIFICATIONS_BACKEND=1): Backstage's
 * notifications plugin in a test backend, over the benchmark's catalog, so
 * that what users end up with in their bell is counted, not what was
 * handed to the notification service. Groups resolve to their members as
 * in production; a later notification of the same scope updates a user's.
 */
import {
  createBackendPlugin,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import {
  notificationService,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import type { JsonObject } from '@backstage/types';
import { Knex } from 'knex';
import { benchCatalog } from './catalog';
import type { Fleet } from './fleet';

/** A notification in a user's list, as the notifications API gives it. */
export interface InboxItem {
  title: string;
  scope: string;
}

export async function startNotificationsBackend(options: {
  fleet: Fleet;
  database: Knex;
  /** The `notifications` config section (its throttle, e.g.). */
  config: JsonObject;
}) {
  const { fleet } = options;
  let notifications: NotificationService | undefined;
  // The notification service the `opsready` plugin gets, sending to the
  // notifications backend over HTTP as it does in production.
  const capture = createBackendPlugin({
    pluginId: 'opsready',
    register(env) {
      env.registerInit({
        deps: { notifications: notificationService },
        async init(deps) {
          notifications = deps.notifications;
        },
      });
    },
  });
  const backend = await startTestBackend({
    features: [
      notificationsPlugin,
      capture,
      createServiceFactory({
        service: catalogServiceRef,
        deps: {},
        factory: () => benchCatalog(fleet.entities),
      }),
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          notifications: options.config,
        },
      }),
      // Its own database, as in production: notifications go to the
      // notifications plugin's tables, one row per user.
      mockServices.database.factory({ knex: options.database }),
      mockServices.rootLogger.factory({ level: 'error' }),
    ],
  });
  const base = `http://localhost:${backend.server.port()}/api/notifications`;

  /** Every notification a user has, through the notifications API. */
  async function inbox(userRef: string): Promise<InboxItem[]> {
    const response = await fetch(`${base}/notifications?limit=10000`, {
      headers: { Authorization: mockCredentials.user.header(userRef) },
    });
    if (!response.ok) {
      throw new Error(`${userRef}'s notifications: ${response.status}`);
    }
    const body = (await response.json()) as {
      notifications: Array<{ payload: { title: string; scope?: string } }>;
    };
    return body.notifications.map(n => ({
      title: n.payload.title,
      scope: n.payload.scope ?? '',
    }));
  }

  return {
    notifications: notifications!,
    inbox,
    stop: () => backend.stop(),
  };
}
