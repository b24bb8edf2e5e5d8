/*
 * What a sweep benchmark needs, from real parts: the GitHub simulator (a
 * child process), Backstage's URL readers configured for it, an in-memory
 * catalog of the simulated fleet that serves pages with cursors, the real
 * evaluations and exemptions stores on a fresh PostgreSQL database, and the
 * built-in checks. A runner (before.ts for today's code) chooses the fact
 * providers and what runs the sweep; everything else is shared here.
 */
import { UrlReaderService } from '@backstage/backend-plugin-api';
import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  applyCheckConfig,
  builtInChecks,
  CheckDefinition,
  CheckRegistry,
  FactProvider,
} from '@opsready/plugin-opsready-node';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import knexFactory, { Knex } from 'knex';
import type { EvaluationListener } from '../../plugins/opsready-backend/src/campaigns/types';
import { readOpsReadyConfig } from '../../plugins/opsready-backend/src/config/readOpsReadyConfig';
import { DatabaseEvaluationsStore } from '../../plugins/opsready-backend/src/database/DatabaseEvaluationsStore';
import { DatabaseExemptionsStore } from '../../plugins/opsready-backend/src/database/DatabaseExemptionsStore';
import { EvaluationService } from '../../plugins/opsready-backend/src/evaluation/EvaluationService';
import { EvaluationSweep } from '../../plugins/opsready-backend/src/evaluation/EvaluationSweep';
import { CatalogFactProvider } from '../../plugins/opsready-backend/src/facts/CatalogFactProvider';
import { fleetEntities } from './catalog';
import type { SimStats } from './simulator';
import { Simulator, startSimulator } from './simulatorClient';

export const TOKEN = 'bench-token';

/** The fleet and budget a run measures, from the environment. */
export const benchEnv = {
  repositories: Number(process.env.REPOS ?? 2000),
  /** At most this many components (all of the fleet when unset). */
  entities: process.env.ENTITIES ? Number(process.env.ENTITIES) : undefined,
  budget: Number(process.env.BUDGET ?? 1000),
};

/** A logger that keeps quiet but counts warnings, with the last few. */
export function countingLogger() {
  const logger = {
    warnings: 0,
    lastWarnings: [] as string[],
    debug() {},
    info() {},
    warn(message: string) {
      logger.warnings += 1;
      logger.lastWarnings = [...logger.lastWarnings.slice(-4), message];
    },
    error(message: string) {
      logger.warn(message);
    },
    child() {
      return logger;
    },
  };
  return logger;
}
export type CountingLogger = ReturnType<typeof countingLogger>;

function postgresUrl(): string {
  if (process.env.POSTGRES_URL) return process.env.POSTGRES_URL;
  const script = resolve(__dirname, '../../scripts/ensure-postgres.sh');
  return execFileSync(script, { encoding: 'utf8', timeout: 300_000 }).trim();
}

export interface SweepBench {
  simulator: Simulator;
  /** Components and their owning groups. */
  entities: Entity[];
  components: number;
  catalog: CatalogService;
  config: ConfigReader;
  urlReader: UrlReaderService;
  db: Knex;
  store: DatabaseEvaluationsStore;
  exemptions: DatabaseExemptionsStore;
  checks: CheckDefinition[];
  settings: ReturnType<typeof readOpsReadyConfig>;
  logger: CountingLogger;
  auth: { getOwnServiceCredentials(): Promise<any> };
  /** The catalog's own fact provider, which every runner keeps. */
  catalogFacts: FactProvider;
  stop(): Promise<void>;
}

export async function setUpBench(options: {
  repositories: number;
  /** At most this many components in the catalog (all when undefined). */
  entities?: number;
  rateLimit: number;
}): Promise<SweepBench> {
  const simulator = await startSimulator(options);
  const stopAll: Array<() => Promise<void> | void> = [() => simulator.stop()];
  const stop = async () => {
    for (const step of stopAll.reverse()) await step();
  };
  try {
    const fleet = (await simulator.fleet()).slice(0, options.entities);
    const entities = fleetEntities(fleet);
    // What catalogServiceMock() from @backstage/plugin-catalog-node/testUtils
    // returns, taken directly: that module also loads the backend test
    // utilities, which expect Jest. It pages queryEntities with cursors.
    const catalog = new InMemoryCatalogClient({
      entities,
    }) as unknown as CatalogService;
    const logger = countingLogger();
    const config = new ConfigReader({
      integrations: {
        github: [
          {
            host: `127.0.0.1:${simulator.port}`,
            apiBaseUrl: simulator.apiBaseUrl,
            token: TOKEN,
          },
        ],
      },
      opsready: {},
    });
    const urlReader = UrlReaders.default({ config, logger: logger as any });

    const adminUrl = postgresUrl();
    const admin = knexFactory({ client: 'pg', connection: adminUrl });
    const name = `opsready_bench_sweep_${randomBytes(4).toString('hex')}`;
    await admin.raw('CREATE DATABASE ??', [name]);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const db = knexFactory({
      client: 'pg',
      connection: url.toString(),
      pool: { min: 0, max: 5 },
    });
    stopAll.push(async () => {
      await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [name]);
      await admin.destroy();
    });
    stopAll.push(() => db.destroy());
    const database = {
      getClient: async () => db,
      migrations: { skip: false },
    };
    const store = await DatabaseEvaluationsStore.create({ database });
    const exemptions = await DatabaseExemptionsStore.create({ database });
    const settings = readOpsReadyConfig(config);
    const checks = applyCheckConfig(
      new CheckRegistry(builtInChecks).list(),
      settings,
    );
    const auth = { getOwnServiceCredentials: async () => ({}) };
    return {
      simulator,
      entities,
      components: fleet.length,
      catalog,
      config,
      urlReader,
      db,
      store,
      exemptions,
      checks,
      settings,
      logger,
      auth,
      catalogFacts: new CatalogFactProvider({ catalog, auth: auth as any }),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * The evaluation service and the scheduled sweep as the plugin builds them
 * (buildEvaluationContext), over the given providers. `onBatch` is told of
 * every batch once stored, with the time, as campaign progress is.
 */
export function evaluationSweep(
  bench: SweepBench,
  providers: FactProvider[],
  onBatch?: (entityRefs: string[]) => void,
  listeners: EvaluationListener[] = [],
) {
  const evaluations = new EvaluationService({
    catalog: bench.catalog,
    store: bench.store,
    exemptions: bench.exemptions,
    checks: () => bench.checks,
    providers: () => providers,
    scoring: bench.settings,
    logger: bench.logger as any,
    listeners: [
      ...listeners,
      ...(onBatch
        ? [
            async (batch: Parameters<EvaluationListener>[0]) =>
              onBatch(batch.map(b => b.evaluation.entityRef)),
          ]
        : []),
    ],
  });
  const sweep = new EvaluationSweep({
    catalog: bench.catalog,
    auth: bench.auth as any,
    store: bench.store,
    exemptions: bench.exemptions,
    evaluations,
    scheduler: {} as any,
    logger: bench.logger as any,
    schedule: bench.settings.schedule,
  });
  return { evaluations, sweep };
}

export interface Measurement {
  label: string;
  ms: number;
  stats: SimStats;
  /** Highest resident set size seen while it ran (sampled every 50 ms). */
  peakRssBytes: number;
  /** Warnings logged while it ran (a repository that could not be read). */
  warnings: number;
}

/** Runs one step with the simulator's counts reset, and measures it. */
export async function measure<T>(
  bench: SweepBench,
  label: string,
  run: () => Promise<T>,
): Promise<{ result: T; measurement: Measurement }> {
  await bench.simulator.resetStats();
  const warningsBefore = bench.logger.warnings;
  let peakRssBytes = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    peakRssBytes = Math.max(peakRssBytes, process.memoryUsage.rss());
  }, 50);
  const started = performance.now();
  try {
    const result = await run();
    const ms = performance.now() - started;
    peakRssBytes = Math.max(peakRssBytes, process.memoryUsage.rss());
    return {
      result,
      measurement: {
        label,
        ms,
        stats: await bench.simulator.stats(),
        peakRssBytes,
        warnings: bench.logger.warnings - warningsBefore,
      },
    };
  } finally {
    clearInterval(sampler);
  }
}

/** Every stored score, by entity. */
export async function storedScores(
  bench: SweepBench,
): Promise<Map<string, number | null>> {
  const rows = await bench
    .db('opsready_entity_scores')
    .select('entity_ref', 'score');
  return new Map(rows.map(r => [r.entity_ref, r.score]));
}

export const loadAverage = () =>
  loadavg()
    .map(n => n.toFixed(2))
    .join(', ');

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
export const megabytes = (bytes: number) =>
  `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export function totalRequests(stats: SimStats): number {
  return Object.values(stats.requests).reduce((a, b) => a + b, 0);
}

/** "status 10000, tarball 10000" (kinds with none left out). */
export function requestsByKind(stats: SimStats): string {
  const kinds = Object.entries(stats.requests)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${kind} ${n}`);
  const extra = [
    stats.notModified ? `304s ${stats.notModified}` : '',
    stats.rateLimited ? `403 rate-limited ${stats.rateLimited}` : '',
  ].filter(Boolean);
  return [...kinds, ...extra].join(', ') || 'none';
}

export function printTable(rows: Array<[string, string]>) {
  const width = Math.max(...rows.map(([name]) => name.length));
  for (const [name, value] of rows) {
    process.stdout.write(`${name.padEnd(width)}  ${value}\n`);
  }
}

/** The rows of one sweep: time, evaluations, requests, bytes, memory. */
export function sweepRows(
  name: string,
  m: Measurement,
  evaluated: number,
): Array<[string, string]> {
  return [
    [`${name}: time`, seconds(m.ms)],
    [`${name}: entities evaluated`, String(evaluated)],
    [
      `${name}: GitHub requests`,
      `${totalRequests(m.stats)} (${requestsByKind(m.stats)})`,
    ],
    [`${name}: tarball bytes (gzipped)`, megabytes(m.stats.tarballBytes)],
    [`${name}: peak RSS`, megabytes(m.peakRssBytes)],
    [`${name}: warnings (repositories not read)`, String(m.warnings)],
  ];
}
