import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { migratedClient } from './migrate';

jest.setTimeout(60_000);

const databases = createTestDatabases();

/** knex hands out a new migrator on each `knex.migrate`: spy on them all. */
const spyOnMigrations = (knex: Knex) =>
  jest.spyOn(Object.getPrototypeOf(knex.migrate), 'latest');

afterEach(() => jest.restoreAllMocks());

describe.each(databases.eachSupportedId())(
  'migratedClient (%s)',
  databaseId => {
    it('migrates a client once however many stores ask, and not when told to skip', async () => {
      const knex = await databases.init(databaseId);
      const latest = spyOnMigrations(knex);
      const database = { getClient: async () => knex };

      await migratedClient({ ...database, migrations: { skip: true } });
      expect(latest).not.toHaveBeenCalled();

      await Promise.all([migratedClient(database), migratedClient(database)]);
      await migratedClient(database);
      expect(latest).toHaveBeenCalledTimes(1);
      expect(await knex.schema.hasTable('opsready_deployments')).toBe(true);
    });

    it('tries again after a failed migration', async () => {
      const knex = await databases.init(databaseId);
      const latest = spyOnMigrations(knex).mockRejectedValueOnce(
        new Error('database went away'),
      );
      const database = { getClient: async () => knex };

      await expect(migratedClient(database)).rejects.toThrow(
        'database went away',
      );
      await migratedClient(database);
      expect(latest).toHaveBeenCalledTimes(2);
      expect(await knex.schema.hasTable('opsready_errors')).toBe(true);
    });
  },
);
