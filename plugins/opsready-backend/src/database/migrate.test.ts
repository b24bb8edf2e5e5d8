import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { readdirSync } from 'node:fs';
import { schemaSnapshot } from '../__testUtils__/schemaSnapshot';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { migratedClient } from './migrate';

jest.setTimeout(60_000);

const directory = resolvePackagePath(
  '@opsready/plugin-opsready-backend',
  'migrations',
);

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

    it('takes every migration down and up again, back to the same schema', async () => {
      const knex = await databases.init(databaseId);
      const migrations = readdirSync(directory).filter(f => f.endsWith('.js'));
      expect(migrations.length).toBeGreaterThan(0);

      // Up one at a time, remembering the schema after each step.
      const after: Array<Awaited<ReturnType<typeof schemaSnapshot>>> = [
        await schemaSnapshot(knex),
      ];
      for (const _migration of migrations) {
        await knex.migrate.up({ directory });
        after.push(await schemaSnapshot(knex));
      }
      expect(Object.keys(after[0])).toEqual([]);
      const [, pending] = await knex.migrate.list({ directory });
      expect(pending).toEqual([]);

      // Down one at a time: each down gives back the schema its up found.
      for (let step = migrations.length - 1; step >= 0; step--) {
        await knex.migrate.down({ directory });
        expect({
          undone: migrations[step],
          schema: await schemaSnapshot(knex),
        }).toEqual({ undone: migrations[step], schema: after[step] });
      }

      // And up again, all at once, as a backend starting would.
      await knex.migrate.latest({ directory });
      const latest = await schemaSnapshot(knex);
      expect(latest).toEqual(after[migrations.length]);
      expect(Object.keys(latest)).toEqual(
        expect.arrayContaining([
          'opsready_campaigns',
          'opsready_campaign_history',
          'opsready_campaign_entities',
          'opsready_campaign_days',
        ]),
      );
    });
  },
);
