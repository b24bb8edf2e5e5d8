/*
 * Benchmark (on demand, not in CI): the former evaluation sweep over a
 * simulated GitHub of 2,000 repositories and 10,000 services. The
 * repository facts come from the former provider (former.ts): one
 * `readTree` per entity, every sweep, with no etag. It prints:
 *
 * 1. the first sweep: time, GitHub requests by kind, tarball bytes, peak RSS;
 * 2. a second sweep with nothing changed: the same;
 * 3. one push to a monorepo: what the next sweep re-evaluates and requests;
 * 4. how long a push takes to show (the schedule, plus the sweep reaching it);
 * 5. a budget of 1,000 requests an hour against a sweep's requests, and a
 *    sweep run under that budget.
 *
 *   yarn bench:sweep:before                      # PostgreSQL from scripts/ensure-postgres.sh
 *   ENTITIES=500 REPOS=100 yarn bench:sweep:before
 *   POSTGRES_URL=postgresql://... BUDGET=1000 yarn bench:sweep:before
 *
 * Requests go to 127.0.0.1 only; every loop is bounded; the run stops by
 * itself (RUN_TIMEOUT_MINUTES, 90 by default) and kills the simulator.
 */
import { durationToMilliseconds, HumanDuration } from '@backstage/types';
import { FormerRepositoryFactProvider } from './former';
import { traitsOf } from './fleetModel';
import {
  benchEnv,
  evaluationSweep,
  loadAverage,
  measure,
  megabytes,
  printTable,
  seconds,
  setUpBench,
  sweepRows,
  storedScores,
  SweepBench,
  totalRequests,
} from './harness';

const { repositories: REPOS, entities: ENTITIES, budget: BUDGET } = benchEnv;
const RUN_TIMEOUT_MS = Number(process.env.RUN_TIMEOUT_MINUTES ?? 90) * 60_000;
/** High enough that GitHub's limit does not cut the measured sweeps short. */
const UNLIMITED = 100_000_000;

/** The former providers: the catalog's, and the repository read per entity. */
function todaysProviders(bench: SweepBench) {
  return [
    bench.catalogFacts,
    new FormerRepositoryFactProvider({
      urlReader: bench.urlReader,
      logger: bench.logger as any,
    }),
  ];
}

type Frequency = SweepBench['settings']['schedule']['frequency'];

/** The schedule's period, when it is a plain duration (not cron, manual). */
function periodMs(frequency: Frequency): number | undefined {
  if (
    typeof frequency === 'string' ||
    'cron' in frequency ||
    'trigger' in frequency ||
    'toMillis' in frequency
  ) {
    return typeof frequency === 'object' && 'toMillis' in frequency
      ? frequency.toMillis()
      : undefined;
  }
  return durationToMilliseconds(frequency as HumanDuration);
}

function describe(frequency: Frequency): string {
  const ms = periodMs(frequency);
  return ms === undefined ? JSON.stringify(frequency) : seconds(ms);
}

async function main() {
  const loadBefore = loadAverage();
  const bench = await setUpBench({
    repositories: REPOS,
    entities: ENTITIES,
    rateLimit: UNLIMITED,
  });
  try {
    const rows: Array<[string, string]> = [
      [
        'fleet',
        `${bench.components} components in ${
          new Set(
            (await bench.simulator.fleet()).slice(0, ENTITIES).map(s => s.repo),
          ).size
        } repositories (of ${REPOS})`,
      ],
      ['repository reads at once (provider default)', '4'],
    ];

    // 1 and 2: a first sweep, then one with nothing changed.
    const { sweep } = evaluationSweep(bench, todaysProviders(bench));
    const first = await measure(bench, 'sweep 1', () => sweep.run());
    rows.push(
      ...sweepRows(
        'sweep 1 (first)',
        first.measurement,
        first.result.evaluated,
      ),
    );
    const second = await measure(bench, 'sweep 2', () => sweep.run());
    rows.push(
      ...sweepRows(
        'sweep 2 (nothing changed)',
        second.measurement,
        second.result.evaluated,
      ),
    );

    // 3: one push to a monorepo that fixes a service's probes.
    const fleet = (await bench.simulator.fleet()).slice(0, ENTITIES);
    const target =
      fleet.find(
        s =>
          s.path !== '' &&
          !traitsOf({ ...s, repo: s.repo.split('/')[1] }).probes,
      ) ?? fleet[0];
    const inRepository = fleet.filter(s => s.repo === target.repo).length;
    const pushed = await bench.simulator.push(target.repo, target.path);
    const targetRef = `component:default/${target.entityName}`;
    const scoresBefore = await storedScores(bench);
    let reachedAfterMs: number | undefined;
    let sweepStart = 0;
    const watched = evaluationSweep(bench, todaysProviders(bench), refs => {
      if (reachedAfterMs === undefined && refs.includes(targetRef)) {
        reachedAfterMs = performance.now() - sweepStart;
      }
    });
    const third = await measure(bench, 'sweep 3', () => {
      sweepStart = performance.now();
      return watched.sweep.run();
    });
    const scoresAfter = await storedScores(bench);
    const changed = [...scoresAfter].filter(
      ([ref, score]) => scoresBefore.get(ref) !== score,
    );
    rows.push(
      [
        'push',
        `${pushed.repo} commit ${pushed.commit} (${
          pushed.fix
        } of ${pushed.paths.join(
          ', ',
        )}): ${inRepository} services in the repository, ${
          pushed.entityNames.length
        } whose files changed`,
      ],
      ...sweepRows(
        'sweep 3 (after the push)',
        third.measurement,
        third.result.evaluated,
      ),
      [
        'sweep 3: scores changed',
        `${changed.length} (${target.entityName}: ${scoresBefore.get(
          targetRef,
        )} -> ${scoresAfter.get(targetRef)})`,
      ],
    );

    // 4: a push shows only when the next scheduled sweep reaches the entity.
    const schedule = bench.settings.schedule;
    rows.push(
      [
        'schedule (opsready.schedule, default)',
        `every ${describe(schedule.frequency)}`,
      ],
      [
        'push to new score',
        `next scheduled sweep + ${
          reachedAfterMs === undefined ? 'n/a' : seconds(reachedAfterMs)
        } for it to reach the entity (a full sweep: ${seconds(
          third.measurement.ms,
        )})`,
      ],
    );

    // 5: the requests a sweep makes against a budget, then a sweep under it.
    const perSweep = totalRequests(second.measurement.stats);
    const frequency = periodMs(schedule.frequency);
    const perHour = frequency
      ? Math.round(perSweep * (3_600_000 / frequency))
      : undefined;
    await bench.simulator.setRateLimit(BUDGET);
    const scoresUnlimited = await storedScores(bench);
    const budgeted = await measure(bench, 'sweep 4', () => sweep.run());
    const scoresBudgeted = await storedScores(bench);
    // A repository not read leaves its checks `unknown`, which moves scores.
    const moved = [...scoresBudgeted].filter(
      ([ref, score]) => scoresUnlimited.get(ref) !== score,
    ).length;
    rows.push(
      [
        `budget of ${BUDGET} requests an hour`,
        `a sweep makes ${perSweep} (${(perSweep / BUDGET).toFixed(
          1,
        )}x the budget)${
          perHour ? `; ${perHour} an hour at the schedule` : ''
        }`,
      ],
      ...sweepRows(
        `sweep 4 (under a ${BUDGET}/h limit)`,
        budgeted.measurement,
        budgeted.result.evaluated,
      ),
      ['sweep 4: scores changed by the unread repositories', String(moved)],
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
    if (budgeted.measurement.warnings > 0) {
      process.stdout.write(
        `last warning: ${bench.logger.lastWarnings.at(-1)}\n`,
      );
    }
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
