import { Knex } from 'knex';
import { ChildProcess, fork } from 'node:child_process';
import { startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { manyChecksModule, sweptEntities } from '../__testUtils__/manyChecks';
import {
  createScratchDatabase,
  observedScheduler,
  postgresConnectionString,
  replicaConfig,
  TaskRun,
  waitFor,
} from '../__testUtils__/replicas';
import { opsreadyPlugin } from '../plugin';

/*
 * A replica killed with SIGKILL in the middle of the checks sweep, while it
 * is writing: nothing it left is half-written (each entity's evaluation is
 * stored in one transaction), and once the dead replica's hold on the task
 * has timed out, another replica completes the sweep.
 *
 * The dying replica is a process of its own; the second runs in the test.
 * The dead one's hold is released by the scheduler's janitor on a live
 * replica, when its scheduler first touches the database and then once a
 * minute: the second replica starts once the hold has run out.
 */
// Two backends start here, one in a process of its own; on a loaded machine
// that takes a while.
jest.setTimeout(180_000);

const ENTITIES = 40;
/** Enough results per entity that storing one takes several statements. */
const EXTRA_CHECKS = 600;
const TASK_ID = 'opsready-evaluate-entities';
/** How long a replica holds the sweep: short, so the test outlives it. */
const TIMEOUT_SECONDS = 8;

/**
 * Starts a backend whose scheduler runs its janitor, which frees the tasks
 * of replicas whose hold has run out. Backstage leaves the janitor out when
 * NODE_ENV is 'test'; it looks at NODE_ENV when the scheduler first touches
 * the database, which the plugin has it do at start-up.
 */
async function startWithJanitor<T>(start: () => Promise<T>): Promise<T> {
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    return await start();
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}

/** A write transaction on the plugin's tables is open in `database`. */
async function writing(admin: Knex, database: string) {
  const { rows } = await admin.raw(
    `SELECT count(*) AS n FROM pg_stat_activity
     WHERE datname = ? AND backend_xid IS NOT NULL AND query ILIKE '%opsready_%'`,
    [database],
  );
  return Number(rows[0].n) > 0;
}

/** What the store holds: per entity, how many rows of each kind. */
async function storedState(knex: Knex) {
  const count = async (table: string) => {
    const rows: Array<{ entity_ref: string; n: string | number }> = await knex(
      table,
    )
      .select('entity_ref')
      .count({ n: '*' })
      .groupBy('entity_ref');
    return new Map(rows.map(r => [r.entity_ref, Number(r.n)]));
  };
  const scores = await knex('opsready_entity_scores').select(
    'entity_ref',
    'evaluated_at',
  );
  const results = await count('opsready_check_results');
  const resultHistory = await count('opsready_check_result_history');
  const scoreHistory = await count('opsready_score_history');
  const stale = await knex('opsready_check_results as r')
    .join('opsready_entity_scores as s', 's.entity_ref', 'r.entity_ref')
    .whereRaw('r.evaluated_at <> s.evaluated_at')
    .count({ n: '*' });
  const refs = new Set([
    ...scores.map(s => s.entity_ref),
    ...results.keys(),
    ...resultHistory.keys(),
    ...scoreHistory.keys(),
  ]);
  return {
    scored: scores.length,
    evaluatedAt: new Map(
      scores.map(s => [s.entity_ref, new Date(s.evaluated_at).getTime()]),
    ),
    resultsOfOtherEvaluations: Number(stale[0].n),
    entities: [...refs].sort().map(ref => ({
      ref,
      scored: scores.some(s => s.entity_ref === ref),
      results: results.get(ref) ?? 0,
      resultHistory: resultHistory.get(ref) ?? 0,
      scoreHistory: scoreHistory.get(ref) ?? 0,
    })),
  };
}

/**
 * A backend replica in a process of its own, so that it can be killed
 * outright, with no chance to roll back or release anything.
 */
function startDyingReplica(database: string) {
  let output = '';
  const child = fork(require.resolve('../__testUtils__/sweepReplica.ts'), {
    execArgv: [
      '--require',
      require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
    ],
    env: {
      ...process.env,
      NODE_ENV: 'test',
      BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:
        postgresConnectionString(),
      SWEEP_DATABASE: database,
      SWEEP_ENTITIES: String(ENTITIES),
      SWEEP_CHECKS: String(EXTRA_CHECKS),
      SWEEP_SCHEDULE: JSON.stringify({
        // It sweeps once, at start.
        frequency: { minutes: 30 },
        timeout: { seconds: TIMEOUT_SECONDS },
      }),
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  child.stdout!.on('data', d => (output += d));
  child.stderr!.on('data', d => (output += d));
  const exited = new Promise<void>(r => child.once('exit', () => r()));
  const alive = () => {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`The replica exited early:\n${output.slice(-4000)}`);
    }
  };
  return { child, exited, alive };
}

describe('a replica killed mid-sweep', () => {
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const child of children) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
      }
    }
  });

  it('leaves each entity evaluated in full or not at all, and another replica completes the sweep', async () => {
    const database = await createScratchDatabase('opsready_killed');
    try {
      const dying = startDyingReplica(database.name);
      children.push(dying.child);

      // Kill it while it writes: some entities stored, a write open.
      await waitFor(
        'the replica is midway through storing the sweep',
        async () => {
          dying.alive();
          if (!(await database.knex.schema.hasTable('opsready_entity_scores')))
            return false;
          const [{ n }] = await database
            .knex('opsready_entity_scores')
            .count({ n: '*' });
          return (
            Number(n) >= 2 && (await writing(database.admin, database.name))
          );
        },
        90_000,
      );
      dying.child.kill('SIGKILL');
      await dying.exited;
      // The server rolls back what the dead replica had open.
      await waitFor(
        'the dead replica’s transaction is gone',
        async () => !(await writing(database.admin, database.name)),
      );

      const [held] = await database
        .knex('backstage_backend_tasks__tasks')
        .where({ id: TASK_ID })
        .select('current_run_ticket', 'current_run_expires_at');
      // The dead replica still holds the sweep, until its timeout.
      expect(held.current_run_ticket).not.toBeNull();
      const heldUntil = new Date(held.current_run_expires_at).getTime();

      const left = await storedState(database.knex);
      expect(left.scored).toBeGreaterThanOrEqual(2);
      expect(left.scored).toBeLessThan(ENTITIES);
      expect(left.resultsOfOtherEvaluations).toBe(0);
      // Every entity is there in full or not at all: each one stored has
      // all its results, each (new) result and its score in history.
      const full = left.entities.find(e => e.scored)!;
      expect(full.results).toBeGreaterThan(EXTRA_CHECKS);
      expect(left.entities).toEqual(
        left.entities.map(e => ({
          ref: e.ref,
          scored: true,
          results: full.results,
          resultHistory: full.results,
          scoreHistory: 1,
        })),
      );

      // Another replica, once the hold has run out: its scheduler's janitor
      // frees the task, and its next period sweeps every component.
      await waitFor(
        'the dead replica’s hold has run out',
        () => Date.now() > heldUntil + 200,
      );
      const runs: TaskRun[] = [];
      const survivor = await startWithJanitor(() =>
        startTestBackend({
          features: [
            opsreadyPlugin,
            observedScheduler('survivor', runs),
            manyChecksModule(EXTRA_CHECKS),
            catalogServiceMock.factory({ entities: sweptEntities(ENTITIES) }),
            replicaConfig(database.name, {
              opsready: {
                schedule: {
                  frequency: { seconds: 2 },
                  timeout: { seconds: TIMEOUT_SECONDS },
                },
                health: { enabled: false },
              },
            }),
          ],
        }),
      );
      await waitFor(
        'the other replica has completed the sweep',
        () => runs.some(r => r.taskId === TASK_ID && r.end !== undefined),
        60_000,
      );
      await survivor.stop();
      const [first] = runs.filter(r => r.taskId === TASK_ID);
      expect(first.start).toBeGreaterThan(heldUntil);

      const after = await storedState(database.knex);
      expect(after.scored).toBe(ENTITIES);
      expect(after.resultsOfOtherEvaluations).toBe(0);
      expect([...after.evaluatedAt.values()].every(t => t >= first.start)).toBe(
        true,
      );
      expect(after.entities.every(e => e.results === full.results)).toBe(true);
    } finally {
      await database.drop();
    }
  });
});
