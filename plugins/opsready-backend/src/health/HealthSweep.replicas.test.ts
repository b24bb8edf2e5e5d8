import { startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import {
  createScratchDatabase,
  observedScheduler,
  replicaConfig,
  TaskRun,
  waitFor,
} from '../__testUtils__/replicas';
import { opsreadyPlugin } from '../plugin';
import { shardOf } from './HealthSweep';

/*
 * Two backend replicas on one PostgreSQL database, each with the real
 * Backstage scheduler: the health shards are global tasks whose locks live
 * in that database. SQLite is one process, so this runs on PostgreSQL only;
 * like the store tests, it refuses to run without it rather than skip.
 */
jest.setTimeout(120_000);

const INTERVAL_MS = 2_000;
const SHARDS = 4;
const SERVICES = 8;
/** Each answer takes this long, so that a sweep can be caught midway. */
const ANSWER_DELAY_MS = 120;

/** One request an endpoint received: which endpoint, from which replica, when. */
interface Hit {
  key: string;
  replica: string;
  at: number;
}

/** One run of a shard task, as the scheduler invoked it. */
interface Run extends TaskRun {
  shard: number;
}

const hits: Hit[] = [];
const runs: Run[] = [];

/** A loopback server answering every path after a delay, counting requests. */
async function startEndpointServer(environment: string) {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '').replace(/^\//, '');
    hits.push({
      key: `component:default/${path}\n${environment}`,
      replica: String(req.headers['x-opsready-replica']),
      at: Date.now(),
    });
    setTimeout(() => {
      // One endpoint is down throughout, to check failures and transitions.
      res.statusCode =
        path === 'svc-0' && environment === 'production' ? 503 : 200;
      res.end('ok');
    }, ANSWER_DELAY_MS);
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>(r => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** The runs of the health shards, each with its shard's number. */
const shardRuns = (replica: string) =>
  observedScheduler<{ shard: number }>(replica, runs, taskId => {
    const shard = taskId.match(/^opsready-health-shard-(\d+)-of-/);
    return shard ? { shard: Number(shard[1]) - 1 } : undefined;
  });

describe('the health sweep on two replicas sharing one PostgreSQL database', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  const servers: Array<{ base: string; close(): Promise<void> }> = [];

  beforeAll(async () => {
    scratch = await createScratchDatabase('opsready_replicas');
  });

  afterAll(async () => {
    await Promise.all(servers.map(s => s.close()));
    await scratch.drop();
  });

  it('probes each endpoint once per interval, and the survivor carries on when one replica stops mid-sweep', async () => {
    const [byDefault, inProduction] = await Promise.all([
      startEndpointServer('default'),
      startEndpointServer('production'),
    ]);
    servers.push(byDefault, inProduction);
    const entities: Entity[] = Array.from({ length: SERVICES }, (_, i) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: `svc-${i}`,
        namespace: 'default',
        annotations: {
          'opsready.io/health-url': `${byDefault.base}/svc-${i}`,
          'opsready.io/health-url-production': `${inProduction.base}/svc-${i}`,
        },
      },
      spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
    }));
    const endpoints = entities.flatMap(e =>
      ['default', 'production'].map(environment => ({
        key: `component:default/${e.metadata.name}\n${environment}`,
        shard: shardOf(
          `component:default/${e.metadata.name}`,
          environment,
          SHARDS,
        ),
      })),
    );
    const shardOfKey = new Map(endpoints.map(e => [e.key, e.shard]));
    // Every shard has endpoints, or the test would prove less than it says.
    expect(new Set(endpoints.map(e => e.shard)).size).toBe(SHARDS);

    const start = (replica: string) =>
      startTestBackend({
        features: [
          opsreadyPlugin,
          shardRuns(replica),
          catalogServiceMock.factory({ entities }),
          replicaConfig(scratch.name, {
            opsready: {
              health: {
                schedule: {
                  frequency: { seconds: INTERVAL_MS / 1000 },
                  timeout: { seconds: 30 },
                },
                shards: SHARDS,
                // Well above the answer delay: on a loaded machine a
                // healthy answer can take seconds, and is no failure.
                timeoutMs: 5_000,
                retries: 0,
                perHostConcurrency: 2,
                allow: ['127.0.0.1'],
                headers: { 'x-opsready-replica': replica },
              },
            },
          }),
        ],
      });
    const replicas = new Map([
      ['a', await start('a')],
      ['b', await start('b')],
    ]);

    const completed = (shard: number) =>
      runs.filter(r => r.shard === shard && r.end !== undefined);

    // Both replicas run; let every shard complete a few sweeps.
    await waitFor('every shard has completed three sweeps', () =>
      Array.from({ length: SHARDS }, (_, s) => s).every(
        s => completed(s).length >= 3,
      ),
    );

    // Stop the replica that is midway through a sweep: some of the shard's
    // endpoints have been asked, others not yet.
    let interrupted: Run | undefined;
    await waitFor('a sweep is caught midway', () => {
      interrupted = runs.find(run => {
        if (run.end !== undefined) return false;
        const asked = new Set(
          hits
            .filter(
              h =>
                h.replica === run.replica &&
                h.at >= run.start &&
                shardOfKey.get(h.key) === run.shard,
            )
            .map(h => h.key),
        );
        const size = endpoints.filter(e => e.shard === run.shard).length;
        return asked.size > 0 && asked.size < size;
      });
      return interrupted !== undefined;
    });
    const stopped = interrupted!.replica;
    const survivor = stopped === 'a' ? 'b' : 'a';
    const stoppedAt = Date.now();
    await replicas.get(stopped)!.stop();
    // Stopping waits for the replica's sweeps to wind down: every run it had
    // going (it may have had more than one shard) has ended.
    const cutShort = runs.filter(
      r => r.replica === stopped && r.start <= stoppedAt,
    );
    expect(cutShort.every(r => r.end !== undefined)).toBe(true);
    const stopDone = Date.now();

    // The survivor takes over every shard, including the interrupted one,
    // and keeps every endpoint probed.
    await waitFor('the survivor has probed every endpoint three times', () =>
      endpoints.every(
        e =>
          hits.filter(
            h => h.key === e.key && h.replica === survivor && h.at > stoppedAt,
          ).length >= 3,
      ),
    );
    const survivorStoppedAt = Date.now();
    await replicas.get(survivor)!.stop();
    const finishedAt = Date.now();
    // A run going on when its replica began to stop ends midway, and one
    // the scheduler started while the replica was stopping sees the abort
    // at once and probes nothing: either ends after the stop began.
    const wasCutShort = (run: Run) => {
      const stop = run.replica === stopped ? stoppedAt : survivorStoppedAt;
      return run.end! >= stop;
    };
    expect(runs.every(r => r.end !== undefined)).toBe(true);
    expect(hits.filter(h => h.replica === stopped && h.at >= stopDone)).toEqual(
      [],
    );

    for (let shard = 0; shard < SHARDS; shard++) {
      const ofShard = runs
        .filter(r => r.shard === shard)
        .sort((x, y) => x.start - y.start);
      // The lock: never two runs of one shard at once, on any replica.
      for (let i = 1; i < ofShard.length; i++) {
        expect(ofShard[i].start).toBeGreaterThanOrEqual(ofShard[i - 1].end!);
      }
      // Once per interval, not twice: runs of a shard are due one interval
      // apart, and a run may start at most one poll late.
      expect(ofShard.length).toBeLessThanOrEqual(
        Math.floor((finishedAt - ofShard[0].start) / INTERVAL_MS) + 2,
      );
      // No interval skipped for good: the next run follows within a few
      // intervals, across the stop too. The scheduler's workers look for
      // due work every few seconds, later on a busy machine (two test
      // workers on two cores), hence the slack; a shard left to a stopped
      // replica's lock would wait for the task's timeout, far longer.
      for (let i = 1; i < ofShard.length; i++) {
        expect(ofShard[i].start - ofShard[i - 1].start).toBeLessThan(
          8 * INTERVAL_MS,
        );
      }
      expect(
        ofShard.filter(r => r.replica === survivor && r.start > stoppedAt)
          .length,
      ).toBeGreaterThanOrEqual(3);

      // Each run asks each endpoint of its shard exactly once (one stopped
      // midway at most once), and nothing asks outside a run.
      for (const endpoint of endpoints.filter(e => e.shard === shard)) {
        const asked = hits.filter(h => h.key === endpoint.key);
        // A run stopped midway may have asked once or not at all; every
        // other run asked exactly once.
        const perRun = ofShard.map(run => ({
          endpoint: endpoint.key,
          run,
          inRun: asked.filter(
            h =>
              h.replica === run.replica &&
              h.at >= run.start &&
              h.at <= run.end!,
          ).length,
        }));
        expect(perRun.filter(r => !wasCutShort(r.run))).toEqual(
          perRun
            .filter(r => !wasCutShort(r.run))
            .map(r => ({ ...r, inRun: 1 })),
        );
        expect(
          perRun.filter(r => wasCutShort(r.run)).every(r => r.inRun <= 1),
        ).toBe(true);
        const attributed = asked.filter(h =>
          ofShard.some(
            run =>
              h.replica === run.replica &&
              h.at >= run.start &&
              h.at <= run.end!,
          ),
        );
        expect(attributed).toEqual(asked);
      }
    }

    // What the database holds agrees with what the endpoints saw: every
    // request counted once in the rollups, failures only where the endpoint
    // failed, one transition per endpoint, and unbroken success streaks.
    const db = scratch.knex;
    const rollups: Array<{
      entity_ref: string;
      environment: string;
      probes: string;
      failures: string;
    }> = await db('opsready_health_rollups')
      .select('entity_ref', 'environment')
      .sum({ probes: 'probes', failures: 'failures' })
      .groupBy('entity_ref', 'environment');
    const states = await db('opsready_health_endpoints').select();
    const transitions = await db('opsready_health_transitions')
      .select()
      .orderBy('id');
    for (const { key } of endpoints) {
      const [entityRef, environment] = key.split('\n');
      const received = hits.filter(h => h.key === key).length;
      const down = key === 'component:default/svc-0\nproduction';
      const rollup = rollups.find(
        r => r.entity_ref === entityRef && r.environment === environment,
      );
      expect({
        key,
        probes: Number(rollup?.probes),
        failures: Number(rollup?.failures),
      }).toEqual({ key, probes: received, failures: down ? received : 0 });
      const state = states.find(
        s => s.entity_ref === entityRef && s.environment === environment,
      );
      expect({
        key,
        status: state?.status,
        streak: Number(
          down ? state?.consecutive_failures : state?.consecutive_successes,
        ),
      }).toEqual({ key, status: down ? 'down' : 'up', streak: received });
      expect(
        transitions
          .filter(
            t => t.entity_ref === entityRef && t.environment === environment,
          )
          .map(t => `${t.from_status}->${t.to_status}`),
      ).toEqual([down ? 'unknown->down' : 'unknown->up']);
    }
  });
});
