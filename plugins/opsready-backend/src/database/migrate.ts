import {
  DatabaseService,
  resolvePackagePath,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@opsready/plugin-opsready-backend',
  'migrations',
);

/** The PostgreSQL advisory lock replicas of the plugin start up under. */
const STARTUP_LOCK = 'opsready-backend: migrations and scheduler tables';

/**
 * Migrations started per client: every store of the plugin shares the one
 * client the database service hands out, and each store's create() asks
 * for the migrations, which then run once rather than once per store.
 */
const migrated = new WeakMap<Knex, Promise<void>>();

function once(client: Knex, prepare: () => Promise<void>): Promise<void> {
  let done = migrated.get(client);
  if (!done) {
    done = prepare();
    // A failed run is not remembered: the next create() tries again.
    done.catch(() => migrated.delete(client));
    migrated.set(client, done);
  }
  return done;
}

/**
 * Runs `fn` while holding a PostgreSQL advisory lock, so that replicas
 * starting at once on one database prepare it one after the other. knex
 * serialises the migrations themselves with its lock row, but creates its
 * bookkeeping tables (and that row) before it holds it: two replicas on an
 * empty database can both create them, and the slower fails — or both
 * insert a lock row, after which knex reports the table locked for good.
 * Backstage's scheduler migrates its own tables the same way, on its first
 * use, and remembers a failure for the life of the process.
 *
 * The lock is held by a transaction on one connection while `fn` works on
 * others; with a pool of one connection that would wait forever, so there
 * it is left out. SQLite is one process and needs no lock.
 */
async function underStartupLock(
  client: Knex,
  fn: () => Promise<void>,
): Promise<void> {
  const poolMax = (client.client.config.pool?.max as number | undefined) ?? 10;
  if (client.client.config.client !== 'pg' || poolMax < 2) {
    await fn();
    return;
  }
  await client.transaction(async trx => {
    await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [STARTUP_LOCK]);
    await fn();
  });
}

const migrateToLatest = async (client: Knex) => {
  await client.migrate.latest({ directory: migrationsDir });
};

/**
 * Has the scheduler create its tables in the plugin's database now, while
 * the startup lock is held, rather than on the plugin's first scheduled
 * task, where two replicas would race. Asking to trigger a task that does
 * not exist is the one public call that makes it go to its database; the
 * answer, that there is no such task, is expected.
 */
async function createSchedulerTables(scheduler: SchedulerService) {
  try {
    await scheduler.triggerTask('opsready-startup-probe');
  } catch (error) {
    if ((error as Error | undefined)?.name !== 'NotFoundError') {
      throw error;
    }
  }
}

/**
 * Prepares the plugin's database before anything else uses it: applies the
 * migrations and has the scheduler create its tables, one replica at a
 * time. Call it first in the plugin's init; the stores' own migratedClient()
 * calls then find the work done.
 */
export async function prepareDatabase(
  database: DatabaseService,
  scheduler: SchedulerService,
): Promise<void> {
  const client = await database.getClient();
  if (database.migrations?.skip) return;
  await once(client, () =>
    underStartupLock(client, async () => {
      await migrateToLatest(client);
      await createSchedulerTables(scheduler);
    }),
  );
}

/**
 * The plugin's database client, with its migrations applied unless the
 * database service says to skip them. Safe to call more than once.
 */
export async function migratedClient(database: DatabaseService): Promise<Knex> {
  const client = await database.getClient();
  if (!database.migrations?.skip) {
    await once(client, () =>
      underStartupLock(client, () => migrateToLatest(client)),
    );
  }
  return client;
}
