import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@opsready/plugin-opsready-backend',
  'migrations',
);

/**
 * Migrations started per client: every store of the plugin shares the one
 * client the database service hands out, and each store's create() asks
 * for the migrations, which then run once rather than once per store.
 */
const migrated = new WeakMap<Knex, Promise<void>>();

function migrateOnce(client: Knex): Promise<void> {
  let done = migrated.get(client);
  if (!done) {
    done = client.migrate
      .latest({ directory: migrationsDir })
      .then(() => undefined);
    // A failed run is not remembered: the next create() tries again.
    done.catch(() => migrated.delete(client));
    migrated.set(client, done);
  }
  return done;
}

/**
 * The plugin's database client, with its migrations applied unless the
 * database service says to skip them. Safe to call more than once.
 */
export async function migratedClient(database: DatabaseService): Promise<Knex> {
  const client = await database.getClient();
  if (!database.migrations?.skip) {
    await migrateOnce(client);
  }
  return client;
}
