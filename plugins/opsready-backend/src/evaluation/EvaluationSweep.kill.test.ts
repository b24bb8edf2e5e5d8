import { Knex } from 'knex';
import { ChildProcess, fork } from 'node:child_process';
import {
  createScratchDatabase,
  postgresConnectionString,
  waitFor,
} from '../__testUtils__/replicas';

/*
 * A replica killed with SIGKILL in the middle of the checks sweep, while it
 * is writing: nothing it left is half-written (each entity's evaluation is
 * stored in one transaction), and once the dead replica's hold on the task
 * has timed out, another replica completes the sweep.
 *
 * Both replicas are processes of their own. The dead one's hold is released
 * by the scheduler's janitor on a live replica, which Backstage runs only
 * outside tests (NODE_ENV other than 'test'), when the scheduler first
 * touches the database and then once a minute: the second replica runs as
 * in production and starts once the hold has run out.
 */
jest.setTimeout(120_000);

const ENTITIES = 40;
/** Enough results per entity that storing one takes several statements. */
const EXTRA_CHECKS = 600;
const TASK_ID = 'opsready-evaluate-entities';
/** How long a replica holds the sweep: short, so the test outlives it. */
const TIMEOUT_SECONDS = 8;

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

/** A backend replica in a process of its own, sweeping every component. */
function startReplica(
  database: string,
  options: { production: boolean; frequency: object },
) {
  let output = '';
  const child = fork(require.resolve('../__testUtils__/sweepReplica.ts'), {
    execArgv: [
      '--require',
      require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
    ],
    env: {
      ...process.env,
      NODE_ENV: options.production ? 'production' : 'test',
      BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:
        postgresConnectionString(),
      SWEEP_DATABASE: database,
      SWEEP_ENTITIES: String(ENTITIES),
      SWEEP_CHECKS: String(EXTRA_CHECKS),
      SWEEP_SCHEDULE: JSON.stringify({
        frequency: options.frequency,
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
      // The dying replica sweeps once, at start.
      const dying = startReplica(database.name, {
        production: false,
        frequency: { minutes: 30 },
      });
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
      const killedAt = Date.now();
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
      const survivor = startReplica(database.name, {
        production: true,
        frequency: { seconds: 2 },
      });
      children.push(survivor.child);
      await waitFor(
        'the other replica has completed the sweep',
        async () => {
          survivor.alive();
          const [task] = await database
            .knex('backstage_backend_tasks__tasks')
            .where({ id: TASK_ID })
            .select('last_run_ended_at', 'last_run_error_json');
          const { evaluatedAt } = await storedState(database.knex);
          return (
            !!task?.last_run_ended_at &&
            !task.last_run_error_json &&
            evaluatedAt.size === ENTITIES &&
            [...evaluatedAt.values()].every(t => t >= killedAt)
          );
        },
        60_000,
      );
      survivor.child.kill('SIGKILL');
      await survivor.exited;

      const after = await storedState(database.knex);
      expect(after.scored).toBe(ENTITIES);
      expect(after.resultsOfOtherEvaluations).toBe(0);
      expect(after.entities.every(e => e.results === full.results)).toBe(true);
    } finally {
      await database.drop();
    }
  });
});
