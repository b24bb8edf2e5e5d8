import { DatabaseService } from '@backstage/backend-plugin-api';
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';

/**
 * The databases every store test runs on: the embedded default (SQLite) and
 * the production store (PostgreSQL, at the connection string in
 * BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING, which the project's
 * test script sets). In CI a missing PostgreSQL is an error, never a
 * silently skipped half of the suite.
 */
export function createTestDatabases(): TestDatabases {
  const databases = TestDatabases.create({
    ids: ['POSTGRES_15', 'SQLITE_3'],
    disableDocker: true,
  });
  if (process.env.CI && !databases.supports('POSTGRES_15')) {
    throw new Error(
      'Store tests need PostgreSQL in CI: set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING (scripts/test.sh does)',
    );
  }
  return databases;
}

/** The plugin database service over a test database, migrated on first use. */
export function testPluginDatabase(knex: Knex): DatabaseService {
  return { getClient: async () => knex, migrations: { skip: false } };
}

/** A store on the test database `databaseId`, and that database's client. */
async function createTestStore<Store>(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
  storeClass: {
    create(options: { database: DatabaseService }): Promise<Store>;
  },
): Promise<{ knex: Knex; store: Store }> {
  const knex = await databases.init(databaseId);
  const store = await storeClass.create({ database: testPluginDatabase(knex) });
  return { knex, store };
}

/**
 * The test databases of one store's tests, and how to create that store on
 * each of them.
 */
export function storeTestDatabases<Store>(storeClass: {
  create(options: { database: DatabaseService }): Promise<Store>;
}) {
  const databases = createTestDatabases();
  return {
    databases,
    createStore: (databaseId: TestDatabaseId) =>
      createTestStore(databases, databaseId, storeClass),
  };
}
