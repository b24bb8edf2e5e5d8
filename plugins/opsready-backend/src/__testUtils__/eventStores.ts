import { DatabaseService } from '@backstage/backend-plugin-api';
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseDeploymentsStore } from '../database/DatabaseDeploymentsStore';
import { DatabaseErrorsStore } from '../database/DatabaseErrorsStore';
import { DatabaseProvisionedEventsStore } from '../database/DatabaseProvisionedEventsStore';
import { testPluginDatabase } from './testDatabases';

/** The stores of what happened to services, on one plugin database. */
export async function createEventStores(
  database: Pick<DatabaseService, 'getClient' | 'migrations'>,
) {
  return {
    deployments: await DatabaseDeploymentsStore.create({ database }),
    errors: await DatabaseErrorsStore.create({ database }),
    provisioned: await DatabaseProvisionedEventsStore.create({ database }),
  };
}

/**
 * The errors store, with the deployments its errors link to, on a fresh
 * test database, and the database's client for tests that look at rows.
 */
export async function createErrorStores(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
) {
  const knex = await databases.init(databaseId);
  const database = testPluginDatabase(knex);
  return {
    knex,
    store: await DatabaseErrorsStore.create({ database }),
    deployments: await DatabaseDeploymentsStore.create({ database }),
  };
}
