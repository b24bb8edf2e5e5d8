/*
 * Benchmark (on demand, not in CI): a campaign over 10,000 entities with 90
 * days of evaluation history for its two goal checks. Measures the reads
 * behind a campaign's progress and its entity list, the replay of its
 * burn-up from the history, and the write of its 10,000 entity rows.
 * See README.md.
 *
 *   yarn bench:campaigns                  # PostgreSQL, database opsready_bench_campaigns
 *   DATABASE=sqlite yarn bench:campaigns  # a temporary SQLite file
 *   ENTITIES=2000 RUNS=20 yarn bench:campaigns
 */
import { loadavg } from 'node:os';
import { projectCompletion } from '../../plugins/opsready-backend/src/campaigns/projection';
import { replayBurnUp } from '../../plugins/opsready-backend/src/campaigns/replayBurnUp';
import type { CampaignEntityRow } from '../../plugins/opsready-backend/src/campaigns/types';
import { readCampaignHistory } from '../../plugins/opsready-backend/src/database/campaignHistoryReads';
import { ms, summarize, table } from '../ingest/stats';
import { benchDatabase } from './database';
import { generateFleetHistory, GOAL_CHECKS } from './fleetHistory';
import { CAMPAIGN_ID, goalContext, seed } from './seed';

const env = (name: string, fallback: number) =>
  Number(process.env[name] ?? fallback);

const ENTITIES = env('ENTITIES', 10_000);
const TEAMS = env('TEAMS', 200);
const DAYS = env('DAYS', 90);
const RUNS = Math.max(1, env('RUNS', 50));
/** Runs of each way of reading the history, compared (not targets). */
const COMPARE_RUNS = Math.max(1, env('COMPARE_RUNS', 20));
const WARMUP = 3;
const TARGET_MS = 300;
const ENGINE = process.env.DATABASE === 'sqlite' ? 'sqlite' : 'postgres';

const load1 = () => loadavg()[0].toFixed(2);
const n = (value: number) => value.toLocaleString('en-US');

/** Times `fn` over `runs` runs after a few not counted. */
async function measure(runs: number, fn: (run: number) => Promise<unknown>) {
  for (let i = 0; i < WARMUP; i++) await fn(-1 - i);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn(i);
    samples.push(performance.now() - started);
  }
  return summarize(samples);
}

/** The same rows, each with another message: every row is written. */
function reworded(rows: CampaignEntityRow[], run: number): CampaignEntityRow[] {
  return rows.map(row =>
    row.status === 'done'
      ? row
      : {
          ...row,
          items: row.items.map(item => ({
            ...item,
            message: `${item.message} (seen in sweep ${run})`,
          })),
        },
  );
}

async function main() {
  const loadBefore = load1();
  const now = new Date();
  const db = await benchDatabase(ENGINE, {
    keep: process.env.KEEP_DATABASE === '1',
  });
  try {
    const seedStarted = performance.now();
    const fleet = generateFleetHistory({
      entities: ENTITIES,
      teams: TEAMS,
      now,
      days: DAYS,
      seed: env('SEED', 1),
    });
    const { store, campaign, rows } = await seed({
      db: db.client,
      fleet,
      now,
      days: DAYS,
    });
    await db.analyze();
    const seedMs = performance.now() - seedStarted;
    const refs = fleet.entities.map(e => e.ref);
    const figuresNow = (await store.getFigures([CAMPAIGN_ID])).get(
      CAMPAIGN_ID,
    )!;
    const burnUp = await store.getBurnUp(CAMPAIGN_ID);
    const history = await store.readHistory(refs, GOAL_CHECKS, now);
    const from = new Date(campaign.startsAt);
    const deadline = new Date(campaign.deadline);
    // The replay, judged from the history, and the rows, judged from the
    // latest state, must agree on today.
    const today = burnUp[burnUp.length - 1];
    const replayAgrees =
      today?.done === figuresNow.done && today?.exempt === figuresNow.exempt;

    process.stdout.write(
      [
        `campaigns benchmark (${db.kind})`,
        `  fleet: ${n(ENTITIES)} entities, ${n(
          TEAMS,
        )} teams (1 in 50 without an owner): ${Object.entries(fleet.profiles)
          .map(([p, count]) => `${n(count)} ${p}`)
          .join(', ')}`,
        `  history: ${n(fleet.results.length)} result changes (${n(
          history.checkChanges.length,
        )} of the 2 goal checks), ${n(fleet.scores.length)} scores (${n(
          history.levelChanges.length,
        )} level changes), ${n(fleet.exemptions.length)} exemptions (${n(
          history.exemptions.length,
        )} granted)`,
        `  campaign: ${DAYS} days, ${burnUp.length} burn-up points; now ${n(
          figuresNow.done,
        )} done, ${n(figuresNow.exempt)} exempt, ${n(figuresNow.open)} open`,
        `  replayed burn-up's last day matches the entity rows: ${
          replayAgrees ? 'yes' : 'NO'
        }`,
        `  seeded in ${(seedMs / 1000).toFixed(
          1,
        )} s; ${RUNS} runs per figure after ${WARMUP} not counted`,
        '',
      ].join('\n'),
    );

    const results: Array<[string, Awaited<ReturnType<typeof measure>>]> = [];
    const record = async (
      name: string,
      runs: number,
      fn: (run: number) => Promise<unknown>,
    ) => {
      const summary = await measure(runs, fn);
      results.push([name, summary]);
      process.stdout.write(`  ${name}: p95 ${ms(summary.p95)}\n`);
      return summary;
    };

    const progress = await record(
      '(a) progress: getFigures + getTeams + getBurnUp + projectCompletion',
      RUNS,
      async () => {
        const figures = (await store.getFigures([CAMPAIGN_ID])).get(
          CAMPAIGN_ID,
        )!;
        await store.getTeams(CAMPAIGN_ID);
        const points = await store.getBurnUp(CAMPAIGN_ID);
        projectCompletion({ burnUp: points, figures, deadline, now });
      },
    );
    await record('· getFigures', RUNS, () => store.getFigures([CAMPAIGN_ID]));
    await record('· getTeams', RUNS, () => store.getTeams(CAMPAIGN_ID));
    await record('· getBurnUp', RUNS, () => store.getBurnUp(CAMPAIGN_ID));

    const firstPage = await record(
      '(b) listEntities, first page of 50',
      RUNS,
      () => store.listEntities(CAMPAIGN_ID, {}, { limit: 50 }),
    );
    const team = rows.find(r => r.owner)!.owner!;
    await record('· one team, first page of 50', RUNS, () =>
      store.listEntities(CAMPAIGN_ID, { owner: team }, { limit: 50 }),
    );
    await record('· done only, first page of 50', RUNS, () =>
      store.listEntities(CAMPAIGN_ID, { status: 'done' }, { limit: 50 }),
    );

    await record(
      `(c) baseline: readHistory + replayBurnUp over ${DAYS} days`,
      RUNS,
      async () => {
        const read = await store.readHistory(refs, GOAL_CHECKS, now);
        replayBurnUp({
          entityRefs: refs,
          context: goalContext,
          history: read,
          from,
          to: now,
        });
      },
    );
    await record('· replayBurnUp alone', RUNS, async () =>
      replayBurnUp({
        entityRefs: refs,
        context: goalContext,
        history,
        from,
        to: now,
      }),
    );
    // The two ways of asking for the history, for the whole fleet in scope
    // and for a tenth of it.
    const tenth = refs.filter((_, i) => i % 10 === 0);
    for (const [scope, scopeRefs] of [
      ['whole fleet', refs],
      ['a tenth', tenth],
    ] as const) {
      for (const byRef of [false, true]) {
        await record(
          `· readHistory, ${scope} (${n(scopeRefs.length)}), ${
            byRef ? 'asked by entity ref' : 'all read, others dropped'
          }`,
          COMPARE_RUNS,
          () =>
            readCampaignHistory(db.client, scopeRefs, GOAL_CHECKS, now, {
              byRef,
            }),
        );
      }
    }

    await record(
      `(d) replaceEntities, ${n(ENTITIES)} rows, each reworded`,
      RUNS,
      run => store.replaceEntities(CAMPAIGN_ID, reworded(rows, run)),
    );
    await record(
      `· replaceEntities, ${n(ENTITIES)} rows, none changed`,
      RUNS,
      () => store.replaceEntities(CAMPAIGN_ID, rows),
    );

    process.stdout.write(
      `\n${table(
        ['figure', 'p50', 'p95', 'max', 'runs'],
        results.map(([name, s]) => [
          name,
          ms(s.p50),
          ms(s.p95),
          ms(s.max),
          s.n,
        ]),
      )}\n\n`,
    );
    const verdict = (p95: number) => (p95 < TARGET_MS ? 'met' : 'NOT met');
    process.stdout.write(
      `target p95 < ${TARGET_MS} ms: (a) ${verdict(
        progress.p95,
      )}, (b) ${verdict(firstPage.p95)}\n`,
    );
    process.stdout.write(
      `load average (1 min): ${loadBefore} at the start, ${load1()} at the end\n`,
    );
    if (!replayAgrees) {
      process.stderr.write(
        '\nFAILED: the replayed burn-up disagrees with the rows\n',
      );
      process.exitCode = 1;
    }
  } finally {
    await db.drop();
  }
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
