/*
 * What the multi-replica tests share: a scratch PostgreSQL database of their
 * own (other test runs use the same server at the same time), the config
 * that points a test backend at it, and Backstage's real scheduler, watched.
 */
import {
  coreServices,
  createServiceFactory,
  SchedulerService,
  SchedulerServiceTaskInvocationDefinition,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { metricsServiceRef } from '@backstage/backend-plugin-api/alpha';
import { DefaultSchedulerService } from '@backstage/backend-defaults/scheduler';
import { mockServices } from '@backstage/backend-test-utils';
import { JsonObject } from '@backstage/types';
import knexFactory from 'knex';
import { randomBytes } from 'node:crypto';

/**
 * The PostgreSQL server the replica tests run on. SQLite is one process, so
 * these tests run on PostgreSQL only; like the store tests, they refuse to
 * run without it rather than skip.
 */
export function postgresConnectionString(): string {
  const connectionString =
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
  if (!connectionString) {
    throw new Error(
      `The replica tests need PostgreSQL${
        process.env.CI ? ' in CI' : ''
      }: set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING (scripts/ensure-postgres.sh prints one; scripts/test.sh sets it)`,
    );
  }
  return connectionString;
}

/** An empty database with a name no other test run uses, and a client of it. */
export async function createScratchDatabase(prefix: string) {
  const connectionString = postgresConnectionString();
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = knexFactory({ client: 'pg', connection: connectionString });
  await admin.raw('CREATE DATABASE ??', [name]);
  const url = new URL(connectionString);
  url.pathname = `/${name}`;
  const knex = knexFactory({
    client: 'pg',
    connection: url.toString(),
    pool: { min: 0, max: 2 },
  });
  return {
    name,
    knex,
    /** A client of the server's default database, to watch from outside. */
    admin,
    async drop() {
      await knex.destroy();
      await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [name]);
      await admin.destroy();
    },
  };
}

/**
 * Backend config putting the opsready plugin's tables (and its scheduler's)
 * in `database`, with `extra` merged in at the top level.
 */
export function replicaConfigData(
  database: string,
  extra: JsonObject = {},
): JsonObject {
  return {
    ...extra,
    backend: {
      database: {
        client: 'pg',
        connection: postgresConnectionString(),
        ensureExists: false,
        plugin: { opsready: { connection: { database } } },
      },
    },
  };
}

/** The config of a replica, as a service factory for startTestBackend. */
export const replicaConfig = (database: string, extra: JsonObject = {}) =>
  mockServices.rootConfig.factory({
    data: replicaConfigData(database, extra),
  });

/** One run of a scheduled task, as the scheduler invoked it. */
export interface TaskRun {
  replica: string;
  taskId: string;
  start: number;
  end?: number;
}

/**
 * The real scheduler, which takes the task locks in the database, watched:
 * every run of a task is recorded in `runs` with its replica and its times.
 * `observe` picks the tasks to watch and adds what a test wants to know of
 * each (a health shard's number, say); by default every task, as it is.
 */
export function observedScheduler<Extra extends object = {}>(
  replica: string,
  runs: Array<TaskRun & Extra>,
  observe: (taskId: string) => Extra | undefined = () => ({} as Extra),
) {
  return createServiceFactory({
    service: coreServices.scheduler,
    deps: {
      database: coreServices.database,
      logger: coreServices.logger,
      rootLifecycle: coreServices.rootLifecycle,
      httpRouter: coreServices.httpRouter,
      pluginMetadata: coreServices.pluginMetadata,
      metrics: metricsServiceRef,
    },
    async factory(deps): Promise<SchedulerService> {
      const scheduler = DefaultSchedulerService.create(deps);
      const scheduleTask = (
        task: SchedulerServiceTaskScheduleDefinition &
          SchedulerServiceTaskInvocationDefinition,
      ) => {
        const extra = observe(task.id);
        if (!extra) {
          return scheduler.scheduleTask(task);
        }
        return scheduler.scheduleTask({
          ...task,
          fn: async signal => {
            const run = {
              ...extra,
              replica,
              taskId: task.id,
              start: Date.now(),
            } as TaskRun & Extra;
            runs.push(run);
            try {
              await task.fn(signal);
            } finally {
              run.end = Date.now();
            }
          },
        });
      };
      return {
        scheduleTask,
        triggerTask: id => scheduler.triggerTask(id),
        cancelTask: id => scheduler.cancelTask(id),
        getScheduledTasks: () => scheduler.getScheduledTasks(),
        createScheduledTaskRunner: schedule => ({
          run: task => scheduleTask({ ...task, ...schedule }),
        }),
      };
    },
  });
}

/** Polls until the condition holds; fails naming `what` at the deadline. */
export async function waitFor(
  what: string,
  condition: () => boolean | Promise<boolean>,
  ms = 40_000,
) {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting until ${what}`);
    }
    await new Promise(r => setTimeout(r, 10));
  }
}
