import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Knex } from 'knex';
import { readEventsConfig } from '../config/readEventsConfig';
import { DatabaseHealthStore } from '../database/DatabaseHealthStore';
import { EventsService } from '../events/EventsService';
import type { DomainEvent } from '../notifications/types';
import { createEventStores } from './eventStores';
import { testPluginDatabase } from './testDatabases';

/**
 * The events service on a test database, with its stores, the health store
 * and the default events config; `now` fixes its clock. `published`
 * gathers the domain events it publishes.
 */
export async function createTestEventsService(
  knex: Knex,
  options: { now?: () => Date } = {},
) {
  const database = testPluginDatabase(knex);
  const stores = await createEventStores(database);
  const health = await DatabaseHealthStore.create({ database });
  const config = readEventsConfig(new ConfigReader({}));
  const published: DomainEvent[] = [];
  const events = new EventsService({
    deployments: stores.deployments,
    errors: stores.errors,
    health,
    config,
    healthFailureThreshold: 3,
    logger: mockServices.logger.mock(),
    publisher: {
      publish: async batch => {
        published.push(...batch);
      },
    },
    ...options,
  });
  return { database, stores, health, config, events, published };
}
