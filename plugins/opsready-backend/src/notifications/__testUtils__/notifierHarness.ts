/* A notifier over real stores (SQLite), a fake catalog and a recording notification service. */
import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { DatabaseHealthIncidentsStore } from '../../database/DatabaseHealthIncidentsStore';
import { DatabaseNotificationLogStore } from '../../database/DatabaseNotificationLogStore';
import type { EndpointKey, StoredEndpoint } from '../../database/HealthStore';
import { testPluginDatabase } from '../../__testUtils__/testDatabases';
import { EntityDirectory } from '../EntityDirectory';
import { rollbackAdvisedHandler } from '../handlers/deployments';
import { errorOpenedHandler } from '../handlers/errors';
import { HealthAlerts } from '../health/HealthAlerts';
import type { DigestQueue } from '../digest';
import { DefaultNoticeDelivery } from '../NoticeDelivery';
import type { DomainEventHandlers } from '../handlers/common';
import { Notifier } from '../Notifier';
import type { DomainEvent, MaintenanceCalendar } from '../types';

const databases = TestDatabases.create({
  ids: ['SQLITE_3'],
  disableDocker: true,
});

/** A component, with its owners and what it depends on. */
export function component(
  name: string,
  owners: string[],
  dependsOn: string[] = [],
  kind = 'Component',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default' },
    spec: { type: 'service', owner: owners[0] },
    relations: [
      ...owners.map(targetRef => ({ type: 'ownedBy', targetRef })),
      ...dependsOn.map(targetRef => ({ type: 'dependsOn', targetRef })),
    ],
  };
}

export const refOf = (name: string, kind = 'component') =>
  `${kind}:default/${name}`;

export async function notifierHarness(options: {
  entities: Entity[];
  maintenance?: MaintenanceCalendar;
  digest?: DigestQueue;
  perHour?: number;
  handlers?: DomainEventHandlers;
  now?: () => Date;
}) {
  const knex = await databases.init('SQLITE_3');
  const database = testPluginDatabase(knex);
  const log = await DatabaseNotificationLogStore.create({ database });
  const incidents = await DatabaseHealthIncidentsStore.create({ database });
  const catalog = catalogServiceMock({ entities: options.entities });
  const now = options.now;
  const directory = new EntityDirectory({
    catalog,
    auth: mockServices.auth(),
    // The directory keeps what it read for a minute of the test's clock.
    now: now ? () => now().getTime() : undefined,
  });
  const sent: NotificationSendOptions[] = [];
  /** Sends of a title to refuse, and how many more times. */
  const refusals = new Map<string, { times: number; message: string }>();
  const failFor = {
    add: (title: string, times = Infinity, message = 'backend is down') =>
      refusals.set(title, { times, message }),
  };
  const notifications = {
    async send(send: NotificationSendOptions) {
      const refusal = refusals.get(send.payload.title);
      if (refusal && refusal.times > 0) {
        refusal.times -= 1;
        throw new Error(`Failed to send notifications: ${refusal.message}`);
      }
      sent.push(send);
    },
  };
  // What the health store knows of endpoints: the ones set down here.
  const down = new Map<string, StoredEndpoint>();
  const endpoints = {
    async getEndpointsByKey(keys: EndpointKey[]) {
      return keys
        .map(k => down.get(`${k.entityRef}|${k.environment}`))
        .filter((e): e is StoredEndpoint => e !== undefined);
    },
  };
  const logger = mockServices.logger.mock();
  const delivery = new DefaultNoticeDelivery({
    notifications,
    log,
    directory,
    maintenance: options.maintenance,
    digest: options.digest,
    logger,
    perHour: options.perHour ?? 20,
    now: options.now,
  });
  const notifier = new Notifier({
    handlers: {
      'error.opened': errorOpenedHandler(directory),
      'deployment.rollback-advised': rollbackAdvisedHandler(directory),
      ...options.handlers,
    },
    health: new HealthAlerts({
      incidents,
      endpoints,
      directory,
      severityOf: environment =>
        environment === 'production' ? 'critical' : 'normal',
    }),
    delivery,
    logger,
    groupWaitMs: 0,
  });

  /** Endpoints changing status, as a sweep publishes them, told at once. */
  async function health(
    ...changes: Array<{
      name: string;
      to: 'up' | 'down';
      at: string;
      flapping?: boolean;
      kind?: string;
      environment?: string;
    }>
  ) {
    const events: DomainEvent[] = changes.map(c => {
      const entityRef = refOf(c.name, c.kind);
      const environment = c.environment ?? 'production';
      const url = `https://${c.name}.example.com/healthz`;
      const key = `${entityRef}|${environment}`;
      if (c.to === 'down') {
        down.set(key, {
          entityRef,
          environment,
          url,
          state: {
            status: 'down',
            consecutiveFailures: 3,
            consecutiveSuccesses: 0,
            recentTransitions: [],
            flapping: c.flapping ?? false,
            since: c.at,
          },
        });
      } else {
        down.delete(key);
      }
      return {
        type: 'health.changed',
        entityRef,
        environment,
        url,
        to: c.to,
        at: c.at,
        flapping: c.flapping ?? false,
      };
    });
    await notifier.accept(events);
    await notifier.flush();
  }

  /** What each recipient was sent, as [recipients, title, scope]. */
  const told = () =>
    sent.map(s => [
      s.recipients.type === 'entity' ? s.recipients.entityRef : 'everyone',
      s.payload.title,
      s.payload.scope,
    ]);

  return {
    notifier,
    catalog,
    delivery,
    directory,
    log,
    incidents,
    sent,
    told,
    health,
    failFor,
    logger,
  };
}
