/*
 * Benchmark (on demand, not in CI): the current code over the simulated
 * GitHub of before.ts (2,000 repositories, 10,000 services). Repository
 * facts come from RepositorySources: one conditional read per repository
 * and ref, kept in the database, within a per-host request budget. It
 * prints:
 *
 * 1. the first sweep (EvaluationSweep: every repository read once);
 * 2. a repository sweep with nothing changed: requests (one status request
 *    per repository, no archive), time;
 * 3. one push to a monorepo, then a repository sweep: what it evaluates;
 * 4. pushes through the GitHub webhook: time from the push to the new
 *    evaluation stored, one at a time and 20 at once (p50, p95, max);
 * 5. a repository sweep under a budget of 1,000 requests an hour: requests
 *    made against what the budget allowed, and what was deferred.
 *
 *   yarn bench:sweep                      # PostgreSQL from scripts/ensure-postgres.sh
 *   ENTITIES=500 REPOS=100 yarn bench:sweep
 *   yarn bench:sweep:before               # the former code (before.ts)
 *
 * Requests go to 127.0.0.1 only; every loop is bounded; the run stops by
 * itself (RUN_TIMEOUT_MINUTES, 60 by default) and kills the simulator.
 */
import { ConfigReader } from '@backstage/config';
import express from 'express';
import { createHmac } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { DatabaseRepositoriesStore } from '../../plugins/opsready-backend/src/database/DatabaseRepositoriesStore';
import { DatabaseSourceBudgetsStore } from '../../plugins/opsready-backend/src/database/DatabaseSourceBudgetsStore';
import { RepositoryFactProvider } from '../../plugins/opsready-backend/src/facts/RepositoryFactProvider';
import { recordEntitySources } from '../../plugins/opsready-backend/src/sources/recordEntitySources';
import { RepositoryPushes } from '../../plugins/opsready-backend/src/sources/RepositoryPushes';
import { RepositoryRefresh } from '../../plugins/opsready-backend/src/sources/RepositoryRefresh';
import { RepositorySources } from '../../plugins/opsready-backend/src/sources/RepositorySources';
import { RepositorySweep } from '../../plugins/opsready-backend/src/sources/RepositorySweep';
import {
  bucketOf,
  RequestBudgets,
} from '../../plugins/opsready-backend/src/sources/RequestBudgets';
import { createWebhooksRouter } from '../../plugins/opsready-backend/src/webhooks';
import {
  benchEnv,
  evaluationSweep,
  loadAverage,
  measure,
  megabytes,
  printTable,
  requestsByKind,
  seconds,
  setUpBench,
  sweepRows,
  storedScores,
  SweepBench,
  totalRequests,
} from './harness';
import type { FleetEntry } from './simulator';

const { repositories: REPOS, entities: ENTITIES, budget: BUDGET } = benchEnv;
/** How long the budgeted sweep may wait for its budget. */
const BUDGET_SWEEP_MS = Number(process.env.BUDGET_SWEEP_SECONDS ?? 60) * 1000;
const PUSHES = Number(process.env.PUSHES ?? 20);
const RUN_TIMEOUT_MS = Number(process.env.RUN_TIMEOUT_MINUTES ?? 60) * 60_000;
const UNLIMITED = 100_000_000;
const SECRET = 'bench-webhook-secret';

/** The parts of the plugin that read repositories, over the bench's database. */
async function currentParts(bench: SweepBench, budget?: number) {
  const database = {
    getClient: async () => bench.db,
    migrations: { skip: false },
  };
  const store = await DatabaseRepositoriesStore.create({ database });
  const host = `127.0.0.1:${bench.simulator.port}`;
  const budgets = new RequestBudgets({
    store: await DatabaseSourceBudgetsStore.create({ database }),
    budgets: budget ? { [host]: { requestsPerHour: budget } } : {},
  });
  const sources = new RepositorySources({
    urlReader: bench.urlReader,
    store,
    budgets,
    logger: bench.logger as any,
    timeoutMs: 30_000,
    concurrency: 4,
  });
  const provider = new RepositoryFactProvider({
    sources,
    logger: bench.logger as any,
  });
  const { evaluations, sweep } = evaluationSweep(
    bench,
    [bench.catalogFacts, provider],
    undefined,
    [recordEntitySources(store)],
  );
  const refresh = new RepositoryRefresh({
    sources,
    store,
    evaluations,
    auth: bench.auth as any,
    logger: bench.logger as any,
  });
  const repositorySweep = (sweepWithinMs: number) =>
    new RepositorySweep({
      store,
      refresh,
      scheduler: {} as any,
      logger: bench.logger as any,
      schedule: { frequency: { minutes: 30 }, timeout: { minutes: 30 } },
      sweepWithinMs,
    });
  const pushes = new RepositoryPushes({
    store,
    refresh,
    logger: bench.logger as any,
  });
  return { store, sweep, repositorySweep, pushes, host };
}

/** The GitHub webhook of the plugin, on a loopback port. */
async function startWebhook(bench: SweepBench, pushes: RepositoryPushes) {
  const app = express();
  app.use(
    createWebhooksRouter({
      // A push touches neither the events nor the skips store.
      ingest: {} as any,
      skips: {} as any,
      catalog: bench.catalog,
      auth: bench.auth as any,
      logger: bench.logger as any,
      config: new ConfigReader({
        opsready: { webhooks: { github: { secret: SECRET } } },
      }),
      pushes,
    }),
  );
  const server = app.listen(0, '127.0.0.1');
  await new Promise(resolve => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, close: () => new Promise(r => server.close(r)) };
}

async function sendPush(webhookUrl: string, bench: SweepBench, repo: string) {
  const body = JSON.stringify({
    ref: 'refs/heads/main',
    deleted: false,
    repository: {
      full_name: repo,
      html_url: `${bench.simulator.baseUrl}/${repo}`,
      default_branch: 'main',
    },
  });
  const response = await fetch(`${webhookUrl}/webhooks/github`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-github-event': 'push',
      'x-hub-signature-256': `sha256=${createHmac('sha256', SECRET)
        .update(body)
        .digest('hex')}`,
    },
    body,
    signal: AbortSignal.timeout(10_000),
  });
  if (response.status !== 202) {
    throw new Error(
      `push answered ${response.status}: ${await response.text()}`,
    );
  }
}

/** Waits for the entity's evaluation to be newer than `since`; its delay. */
async function newEvaluationAfter(
  bench: SweepBench,
  entityRef: string,
  since: Date,
): Promise<number> {
  const limit = Date.now() + 60_000;
  while (Date.now() < limit) {
    const evaluation = await bench.store.getEvaluation(entityRef);
    if (evaluation && evaluation.evaluatedAt > since) {
      return Date.now() - since.getTime();
    }
    await new Promise(r => setTimeout(r, 20));
  }
  throw new Error(`${entityRef} was not evaluated again within 60 s of a push`);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

const latencies = (values: number[]) =>
  `p50 ${seconds(percentile(values, 0.5))}, p95 ${seconds(
    percentile(values, 0.95),
  )}, max ${seconds(Math.max(...values))}`;

/** A service whose repository the simulator can still fix, one per repository. */
function pushTargets(fleet: FleetEntry[], count: number, skip: Set<string>) {
  const byRepo = new Map<string, FleetEntry>();
  for (const service of fleet) {
    if (!skip.has(service.repo) && !byRepo.has(service.repo)) {
      byRepo.set(service.repo, service);
    }
  }
  return [...byRepo.values()].slice(0, count);
}

async function pushAndMeasure(
  bench: SweepBench,
  webhookUrl: string,
  target: FleetEntry,
): Promise<number> {
  await bench.simulator.push(target.repo, target.path);
  const since = new Date();
  await sendPush(webhookUrl, bench, target.repo);
  return newEvaluationAfter(
    bench,
    `component:default/${target.entityName}`,
    since,
  );
}

async function main() {
  const loadBefore = loadAverage();
  const bench = await setUpBench({
    repositories: REPOS,
    entities: ENTITIES,
    rateLimit: UNLIMITED,
  });
  try {
    const fleet = (await bench.simulator.fleet()).slice(0, ENTITIES);
    const repositories = new Set(fleet.map(s => s.repo)).size;
    const rows: Array<[string, string]> = [
      [
        'fleet',
        `${bench.components} components in ${repositories} repositories`,
      ],
      ['repository reads at once (opsready.sources.concurrency)', '4'],
    ];
    const parts = await currentParts(bench);

    // 1: the first sweep reads every repository once.
    const first = await measure(bench, 'sweep 1', () => parts.sweep.run());
    rows.push(
      ...sweepRows(
        'sweep 1 (first, EvaluationSweep)',
        first.measurement,
        first.result.evaluated,
      ),
    );

    // 2: every repository asked whether it changed; nothing did.
    const second = await measure(bench, 'sweep 2', () =>
      parts.repositorySweep(25 * 60_000).run(),
    );
    rows.push(
      ...sweepRows(
        'sweep 2 (nothing changed)',
        second.measurement,
        second.result.reevaluated,
      ),
      [
        'sweep 2: repositories unchanged / changed',
        `${second.result.unchanged.length} / ${second.result.changed.length}`,
      ],
    );

    // 3: one monorepo pushed; the repository sweep evaluates its services only.
    const target =
      fleet.find(
        s => s.path !== '' && fleet.filter(o => o.repo === s.repo).length > 1,
      ) ?? fleet[0];
    const inRepository = fleet.filter(s => s.repo === target.repo).length;
    const pushed = await bench.simulator.push(target.repo, target.path);
    const scoresBefore = await storedScores(bench);
    const third = await measure(bench, 'sweep 3', () =>
      parts.repositorySweep(25 * 60_000).run(),
    );
    const scoresAfter = await storedScores(bench);
    const moved = [...scoresAfter].filter(
      ([ref, score]) => scoresBefore.get(ref) !== score,
    );
    rows.push(
      [
        'push',
        `${pushed.repo} (${pushed.fix} of ${pushed.paths.join(
          ', ',
        )}): ${inRepository} services in the repository`,
      ],
      ...sweepRows(
        'sweep 3 (after the push)',
        third.measurement,
        third.result.reevaluated,
      ),
      [
        'sweep 3: scores changed',
        `${moved.length} (${moved
          .map(([r, s]) => `${r}: ${scoresBefore.get(r)} -> ${s}`)
          .join('; ')})`,
      ],
    );

    // 4: pushes through the webhook, to the new evaluation stored.
    const webhook = await startWebhook(bench, parts.pushes);
    try {
      const used = new Set([target.repo]);
      const sequential = pushTargets(fleet, PUSHES, used);
      sequential.forEach(s => used.add(s.repo));
      const oneAtATime: number[] = [];
      for (const service of sequential) {
        oneAtATime.push(await pushAndMeasure(bench, webhook.url, service));
      }
      const burst = pushTargets(fleet, PUSHES, used);
      const together = await Promise.all(
        burst.map(service => pushAndMeasure(bench, webhook.url, service)),
      );
      rows.push(
        [
          `push to new score, ${oneAtATime.length} one at a time`,
          latencies(oneAtATime),
        ],
        [`push to new score, ${together.length} at once`, latencies(together)],
      );
    } finally {
      await webhook.close();
    }

    // 5: a repository sweep under a budget, from a full bucket.
    await bench.db('opsready_source_budgets').delete();
    const budgeted = await currentParts(bench, BUDGET);
    const bucket = bucketOf({ requestsPerHour: BUDGET });
    const fifth = await measure(bench, 'sweep 5', () =>
      budgeted.repositorySweep(BUDGET_SWEEP_MS).run(),
    );
    const allowed = Math.floor(
      bucket.capacity + bucket.ratePerMs * fifth.measurement.ms,
    );
    const sample = fifth.result.deferred[0];
    const kept = sample
      ? (await budgeted.store.getRepositories([sample])).get(sample)
      : undefined;
    rows.push(
      [
        `sweep 5 (budget ${BUDGET}/h, waits up to ${seconds(BUDGET_SWEEP_MS)})`,
        `${seconds(fifth.measurement.ms)}: ${
          fifth.result.changed.length + fifth.result.unchanged.length
        } asked, ${fifth.result.deferred.length} deferred, ${
          fifth.result.failed.length
        } failed`,
      ],
      [
        'sweep 5: GitHub requests / the budget allowed',
        `${totalRequests(fifth.measurement.stats)} (${requestsByKind(
          fifth.measurement.stats,
        )}) / ${allowed} (bucket ${bucket.capacity.toFixed(1)} + ${(
          bucket.ratePerMs * 3_600_000
        ).toFixed(0)}/h)`,
      ],
      [
        'sweep 5: a deferred repository keeps',
        kept
          ? `facts read ${kept.readAt}, because "${kept.keptBecause}"`
          : 'n/a',
      ],
      [
        'max RSS of the process',
        megabytes(process.resourceUsage().maxRSS * 1024),
      ],
      [
        'load average (1, 5, 15 min)',
        `${loadBefore} at the start, ${loadAverage()} at the end`,
      ],
    );
    printTable(rows);
  } finally {
    await bench.stop();
  }
}

const deadline = setTimeout(() => {
  process.stderr.write(`Stopped after ${RUN_TIMEOUT_MS / 60_000} minutes\n`);
  process.exit(2);
}, RUN_TIMEOUT_MS);
deadline.unref();

main()
  .then(() => process.exit(0))
  .catch(error => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exit(1);
  });
