/*
 * Benchmark (on demand, not in CI): a loopback fleet of 10,000 health
 * endpoints (1,000 ports of 127.0.0.1 with 10 paths each, served by a child
 * process; 5 % answer after 2 s, 5 % not within the timeout), or of
 * ENDPOINTS (100,000: 100 paths a port), probed by the
 * real Prober and HealthSweep with a 5 s timeout, recording into the real
 * store on PostgreSQL. It prints:
 *
 * - the raw throughput of plain undici requests to the healthy endpoints,
 *   the Prober's on the same endpoints at the same concurrency, and the
 *   ratio;
 * - two full sweeps (the first meets every endpoint, the second is the
 *   steady state): time, probes/s, rows written, the store's time, and a
 *   third sweep whose store keeps nothing (the probing alone);
 * - the database size for the fleet probed every 60 s for 30 days, from
 *   the rollup rows the sweeps wrote, copied to every hour and day the
 *   retention rules keep, and measured on disk.
 *
 *   yarn bench:health                        # PostgreSQL from scripts/ensure-postgres.sh
 *   POSTGRES_URL=postgresql://... yarn bench:health
 *   CONCURRENCY=256 yarn bench:health        # the plugin's former default concurrency
 *   ENDPOINTS=100000 yarn bench:health       # 100,000 endpoints on the same 1,000 ports
 *
 * Targets: sweep <= 20 s at 10,000 endpoints, <= 60 s at 100,000 (the
 * second sweep knowing which endpoints hang, the first not); the Prober's
 * healthy throughput >= 50 % of raw undici; under 1 GB for 10,000
 * services over 30 days. Requests go to
 * 127.0.0.1 only; every loop is bounded and the run stops by itself.
 */
import { execFileSync, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import knexFactory, { Knex } from 'knex';
import { Agent, request } from 'undici';
import { DatabaseHealthStore } from '../../plugins/opsready-backend/src/database/DatabaseHealthStore';
import { AddressPolicy } from '../../plugins/opsready-backend/src/health/addressPolicy';
import { defaultStateRules } from '../../plugins/opsready-backend/src/health/endpointState';
import { HealthSweep } from '../../plugins/opsready-backend/src/health/HealthSweep';
import {
  DEFAULT_CONCURRENCY,
  DEFAULT_SUSPECT_CONCURRENCY,
  Prober,
} from '../../plugins/opsready-backend/src/health/Prober';
import { mapWithConcurrency } from '../../plugins/opsready-backend/src/lib/concurrency';
import { kindOf } from './fleet';

const ENDPOINTS = Number(process.env.ENDPOINTS ?? 10_000);
const PORTS = Number(process.env.FLEET_PORTS ?? 1000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? DEFAULT_CONCURRENCY);
const SUSPECT_CONCURRENCY = Number(
  process.env.SUSPECT_CONCURRENCY ?? DEFAULT_SUSPECT_CONCURRENCY,
);
/**
 * Healthy endpoints in the raw undici vs Prober comparison: the first this
 * many, so that a 100,000-endpoint run does not spend minutes on it.
 */
const RAW_SAMPLE = Number(process.env.RAW_SAMPLE ?? 10_000);
/** Per sweep; the plugin's default. */
const DEADLINE_MS = 50_000;
const PER_HOST = Number(process.env.PER_HOST_CONCURRENCY ?? 4);
const RETRIES = Number(process.env.RETRIES ?? 1);
const TIMEOUT_MS = 5_000;
/** Status changes per endpoint and day assumed for the size projection. */
const TRANSITIONS_PER_DAY = Number(process.env.TRANSITIONS_PER_DAY ?? 4);
const RETENTION_DAYS = 30;
const HOURLY_KEPT = 48;

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const perSecond = (n: number, ms: number) => Math.round(n / (ms / 1000));
const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function print(rows: Array<[string, string]>) {
  for (const [name, value] of rows) {
    process.stdout.write(`${name.padEnd(52)} ${value}\n`);
  }
}

async function startFleet(): Promise<{ ports: number[]; stop(): void }> {
  const child = fork(join(__dirname, 'fleet.ts'), {
    execArgv: process.execArgv,
    env: { ...process.env, FLEET_PORTS: String(PORTS) },
  });
  const ports = await new Promise<number[]>((ok, fail) => {
    child.on('message', (m: any) => Array.isArray(m?.ports) && ok(m.ports));
    child.once('exit', code => fail(new Error(`the fleet exited (${code})`)));
  });
  return { ports, stop: () => child.kill() };
}

function postgresUrl(): string {
  if (process.env.POSTGRES_URL) {
    return process.env.POSTGRES_URL;
  }
  const script = resolve(__dirname, '../../scripts/ensure-postgres.sh');
  return execFileSync(script, { encoding: 'utf8' }).trim();
}

async function tableBytes(db: Knex, table: string): Promise<number> {
  const { rows } = await db.raw('select pg_total_relation_size(?) as bytes', [
    table,
  ]);
  return Number(rows[0].bytes);
}

async function count(db: Knex, table: string): Promise<number> {
  const [{ n }] = await db(table).count({ n: '*' });
  return Number(n);
}

const loadAverage = () =>
  execFileSync('uptime', { encoding: 'utf8' })
    .trim()
    .replace(/^.*load average: /, '');

async function main() {
  const loadBefore = loadAverage();
  const fleet = await startFleet();
  const endpoints = Array.from({ length: ENDPOINTS }, (_, i) => ({
    index: i,
    url: `http://127.0.0.1:${fleet.ports[i % fleet.ports.length]}/ep-${i}`,
  }));
  const healthy = endpoints
    .filter(e => kindOf(e.index) === 'healthy')
    .slice(0, RAW_SAMPLE);

  const admin = knexFactory({ client: 'pg', connection: postgresUrl() });
  const database = `opsready_bench_${randomBytes(4).toString('hex')}`;
  await admin.raw('CREATE DATABASE ??', [database]);
  const url = new URL(postgresUrl());
  url.pathname = `/${database}`;
  const db = knexFactory({ client: 'pg', connection: url.toString() });

  const policy = new AddressPolicy(['127.0.0.1']);
  const prober = new Prober({
    policy,
    timeoutMs: TIMEOUT_MS,
    concurrency: CONCURRENCY,
    suspectConcurrency: SUSPECT_CONCURRENCY,
    perHostConcurrency: PER_HOST,
    retries: RETRIES,
  });
  const raw = new Agent({ keepAliveTimeout: 30_000, connections: PER_HOST });
  try {
    // Raw undici and the Prober over the healthy endpoints, each warmed up
    // first (connections open, JIT warm), then timed over the same list.
    const rawPass = async (list: typeof healthy) => {
      await mapWithConcurrency(list, CONCURRENCY, async e => {
        const response = await request(e.url, { dispatcher: raw });
        await response.body.text();
      });
    };
    const proberPass = async (list: typeof healthy) => {
      await mapWithConcurrency(list, CONCURRENCY, e => prober.probe(e));
    };
    await rawPass(healthy.slice(0, 2000));
    await proberPass(healthy.slice(0, 2000));
    // Interleaved, best of three each, as other work may share the CPU.
    const timed = async (pass: () => Promise<void>) => {
      const t = performance.now();
      await pass();
      return performance.now() - t;
    };
    let rawMs = Infinity;
    let proberMs = Infinity;
    for (let round = 0; round < 3; round++) {
      rawMs = Math.min(rawMs, await timed(() => rawPass(healthy)));
      proberMs = Math.min(proberMs, await timed(() => proberPass(healthy)));
    }

    const store = await DatabaseHealthStore.create({
      database: { getClient: async () => db, migrations: { skip: false } },
    });
    // Where a sweep's time goes: the store's read and write transactions
    // (one per batch of probes; two run at once, so their times summed are
    // up to twice the time the store was busy), and when the last answer
    // came, after which the sweep only writes.
    const timing = {
      writes: 0,
      largestWrite: 0,
      readMs: 0,
      writeMs: 0,
      lastAnswer: 0,
    };
    const getEndpointsByKey = store.getEndpointsByKey.bind(store);
    store.getEndpointsByKey = async keys => {
      const t = performance.now();
      try {
        return await getEndpointsByKey(keys);
      } finally {
        timing.readMs += performance.now() - t;
      }
    };
    const recordProbes = store.recordProbes.bind(store);
    store.recordProbes = async records => {
      const t = performance.now();
      timing.writes += 1;
      timing.largestWrite = Math.max(timing.largestWrite, records.length);
      try {
        return await recordProbes(records);
      } finally {
        timing.writeMs += performance.now() - t;
      }
    };
    const probe = prober.probe.bind(prober);
    prober.probe = async (spec, options) => {
      try {
        return await probe(spec, options);
      } finally {
        timing.lastAnswer = performance.now();
      }
    };
    const entities = endpoints.map(e => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        namespace: 'default',
        name: `svc-${e.index}`,
        annotations: { 'opsready.io/health-url': e.url },
      },
    }));
    const quiet = {
      debug() {},
      info() {},
      warn() {},
      error() {},
      child() {
        return quiet;
      },
    };
    const sweepOptions: ConstructorParameters<typeof HealthSweep>[0] = {
      catalog: {
        async *streamEntities() {
          for (let i = 0; i < entities.length; i += 500) {
            yield entities.slice(i, i + 500);
          }
        },
      } as any,
      auth: { getOwnServiceCredentials: async () => ({}) } as any,
      store,
      prober,
      scheduler: {} as any,
      logger: quiet as any,
      schedule: { frequency: { seconds: 60 }, timeout: { seconds: 55 } },
      shards: 1,
      rules: defaultStateRules,
      deadlineMs: DEADLINE_MS,
      retentionDays: RETENTION_DAYS,
    };
    const sweep = new HealthSweep(sweepOptions);

    const sweeps = [];
    for (let i = 0; i < 2; i++) {
      const transitionsBefore = await count(db, 'opsready_health_transitions');
      Object.assign(timing, {
        writes: 0,
        largestWrite: 0,
        readMs: 0,
        writeMs: 0,
      });
      const started = performance.now();
      const result = await sweep.runShard(0);
      const ended = performance.now();
      const transitions =
        (await count(db, 'opsready_health_transitions')) - transitionsBefore;
      sweeps.push({
        ...result,
        transitions,
        ...timing,
        probingMs: timing.lastAnswer - started,
        afterLastAnswerMs: ended - timing.lastAnswer,
      });
    }

    // The same sweep with a store that keeps nothing: the probing alone,
    // what the sweep would take if the database cost nothing. A new sweep
    // knows no suspects: it is a first sweep.
    const discarding = {
      getEndpointsByKey: async () => [],
      recordProbes: async () => {},
    } as Partial<DatabaseHealthStore> as DatabaseHealthStore;
    const probingAlone = await new HealthSweep({
      ...sweepOptions,
      store: discarding,
    }).runShard(0);

    // On disk: the rows as the sweeps wrote them, then the rollups copied to
    // every bucket retention keeps (48 hourly, then daily to 30 days).
    await db.raw('VACUUM ANALYZE');
    // Per row, then for the whole fleet: a sweep cut short by its deadline
    // leaves some endpoints without rows.
    const endpointRows = await count(db, 'opsready_health_endpoints');
    const endpointBytes =
      ((await tableBytes(db, 'opsready_health_endpoints')) / endpointRows) *
      ENDPOINTS;
    const transitionRows = await count(db, 'opsready_health_transitions');
    const transitionBytesPerRow =
      (await tableBytes(db, 'opsready_health_transitions')) / transitionRows;
    await db.raw(
      `insert into opsready_health_rollups
         (entity_ref, environment, bucket, bucket_start, probes, failures, latency_histogram)
       select r.entity_ref, r.environment, b.bucket, b.bucket_start, 60, r.failures * 30, r.latency_histogram
       from opsready_health_rollups r
       cross join (
         select 'hour' as bucket, date_trunc('hour', now()) - make_interval(hours => h) as bucket_start
           from generate_series(1, ?) h
         union all
         select 'day', date_trunc('day', now()) - make_interval(days => d)
           from generate_series(2, ?) d
       ) b`,
      [HOURLY_KEPT, RETENTION_DAYS],
    );
    await db.raw('VACUUM ANALYZE opsready_health_rollups');
    const rollupsPerEndpoint = 1 + HOURLY_KEPT + (RETENTION_DAYS - 1);
    const rollupBytesPerRow =
      (await tableBytes(db, 'opsready_health_rollups')) /
      (await count(db, 'opsready_health_rollups'));
    const rollupRows = ENDPOINTS * rollupsPerEndpoint;
    const rollupBytes = rollupBytesPerRow * rollupRows;
    const projectedTransitions =
      ENDPOINTS * TRANSITIONS_PER_DAY * RETENTION_DAYS;
    const projectedBytes =
      endpointBytes +
      rollupBytes +
      projectedTransitions * transitionBytesPerRow;

    const load = `${loadBefore} at the start, ${loadAverage()} at the end`;
    print([
      [
        'endpoints (healthy / slow 2 s / hanging)',
        `${ENDPOINTS} (${
          endpoints.filter(e => kindOf(e.index) === 'healthy').length
        } / ${endpoints.filter(e => kindOf(e.index) === 'slow').length} / ${
          endpoints.filter(e => kindOf(e.index) === 'hanging').length
        })`,
      ],
      ['hosts (ports of 127.0.0.1)', String(fleet.ports.length)],
      [
        'concurrency / suspects / per host / retries / timeout',
        `${CONCURRENCY} / ${SUSPECT_CONCURRENCY} / ${PER_HOST} / ${RETRIES} / ${TIMEOUT_MS} ms`,
      ],
      [
        `raw undici, first ${healthy.length} healthy endpoints`,
        `${seconds(rawMs)}, ${perSecond(healthy.length, rawMs)} req/s`,
      ],
      [
        `Prober, first ${healthy.length} healthy endpoints`,
        `${seconds(proberMs)}, ${perSecond(healthy.length, proberMs)} probes/s`,
      ],
      [
        'ratio (Prober / raw undici)',
        `${((rawMs / proberMs) * 100).toFixed(0)} %`,
      ],
      ...sweeps.flatMap(
        (s, i): Array<[string, string]> => [
          [`sweep ${i + 1}: time`, seconds(s.durationMs)],
          [
            `sweep ${i + 1}: probed / down / skipped`,
            `${s.probed} / ${s.down} / ${s.skipped}`,
          ],
          [
            `sweep ${i + 1}: probes/s (with store writes)`,
            String(perSecond(s.probed, s.durationMs)),
          ],
          [
            `sweep ${i + 1}: rows written`,
            `${s.probed * 2 + s.transitions} (${s.probed} endpoint states, ${
              s.probed
            } hourly rollups, ${s.transitions} transitions)`,
          ],
          [
            `sweep ${
              i + 1
            }: store read / writes summed (transactions, largest)`,
            `${seconds(s.readMs)} / ${seconds(s.writeMs)} (${s.writes}, ${
              s.largestWrite
            } probes)`,
          ],
          [
            `sweep ${i + 1}: last answer after / sweep ended after it`,
            `${seconds(s.probingMs)} / ${seconds(s.afterLastAnswerMs)}`,
          ],
        ],
      ),
      [
        'first sweep without the database: time',
        `${seconds(probingAlone.durationMs)} (${probingAlone.probed} probed)`,
      ],
      ['endpoint rows, on disk', `${ENDPOINTS}, ${megabytes(endpointBytes)}`],
      [
        `rollup rows for ${RETENTION_DAYS} days, on disk`,
        `${rollupRows} (${Math.round(
          rollupBytesPerRow,
        )} bytes each), ${megabytes(rollupBytes)}`,
      ],
      ['transition row, on disk', `${Math.round(transitionBytesPerRow)} bytes`],
      [
        `transitions assumed (${TRANSITIONS_PER_DAY}/endpoint/day, ${RETENTION_DAYS} days)`,
        `${projectedTransitions}, ${megabytes(
          projectedTransitions * transitionBytesPerRow,
        )}`,
      ],
      ['projected database size (60 s, 30 days)', megabytes(projectedBytes)],
      ['load average (1, 5, 15 min)', load],
    ]);
  } finally {
    await prober.close();
    await raw.close();
    await db.destroy();
    await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [database]);
    await admin.destroy();
    fleet.stop();
  }
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
