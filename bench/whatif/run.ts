/*
 * The policy what-if over a seeded fleet: 10,000 entities with a stored
 * result for each of the 30 built-in checks (300,000 rows), 2 % with an
 * exemption, previewed through the real stores and `previewFleet` as
 * POST /scorecards/preview runs it. On demand, not in CI.
 */
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import {
  CheckStatus,
  defaultLevels,
  DEFAULT_PENDING_FOR_MS,
} from '@opsready/plugin-opsready-common';
import {
  builtInChecks,
  defaultScorecard,
  ScorecardDefinition,
} from '@opsready/plugin-opsready-node';
import knexFactory, { Knex } from 'knex';
import { DatabaseEvaluationsStore } from '../../plugins/opsready-backend/src/database/DatabaseEvaluationsStore';
import { DatabaseExemptionsStore } from '../../plugins/opsready-backend/src/database/DatabaseExemptionsStore';
import { CandidateScoring } from '../../plugins/opsready-backend/src/scorecards/candidateConfig';
import {
  databasePages,
  EvaluationPages,
  storePages,
} from '../../plugins/opsready-backend/src/scorecards/evaluationPages';
import { previewFleet } from '../../plugins/opsready-backend/src/scorecards/previewFleet';

const NAME = 'opsready_bench_whatif';
const ENTITIES = Number(process.env.ENTITIES ?? 10_000);
const RUNS = Number(process.env.RUNS ?? 10);
const ROWS_PER_INSERT = 1000;

function postgresUrl(): string {
  if (process.env.POSTGRES_URL) return process.env.POSTGRES_URL;
  const script = resolve(__dirname, '../../scripts/ensure-postgres.sh');
  return execFileSync(script, { encoding: 'utf8' }).trim();
}

// A fixed sequence, so that every run seeds the same fleet.
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

async function seed(db: Knex) {
  const next = random(1);
  const now = new Date();
  const scores: object[] = [];
  const results: object[] = [];
  for (let i = 0; i < ENTITIES; i++) {
    const ref = `component:default/service-${String(i).padStart(5, '0')}`;
    // Most services pass most checks; a few are far behind.
    const passRate = 0.55 + next() * 0.45;
    scores.push({
      entity_ref: ref,
      kind: i % 10 === 0 ? 'api' : 'component',
      owner: `group:default/team-${i % 200}`,
      score: null,
      level: null,
      evaluated_at: now,
      first_evaluated_at: new Date(now.getTime() - 30 * 86_400_000),
      // One in 20 last evaluated before scopes were kept.
      ...(i % 20 === 19
        ? { type: null, lifecycle: null, tags: null }
        : {
            type: i % 10 === 0 ? 'openapi' : 'service',
            lifecycle: i % 4 === 0 ? 'experimental' : 'production',
            tags: JSON.stringify(i % 3 === 0 ? ['pci'] : []),
          }),
    });
    for (const check of builtInChecks) {
      const roll = next();
      const status: CheckStatus =
        roll < passRate
          ? 'pass'
          : roll < passRate + 0.08
          ? 'warn'
          : roll < passRate + 0.12
          ? 'not-applicable'
          : 'fail';
      results.push({
        entity_ref: ref,
        check_id: check.id,
        status,
        message: `${check.title}: ${status}`,
        evidence: null,
        evaluated_at: now,
      });
    }
  }
  for (const [table, rows] of [
    ['opsready_entity_scores', scores],
    ['opsready_check_results', results],
  ] as const) {
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
      await db(table).insert(rows.slice(i, i + ROWS_PER_INSERT));
    }
  }
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function main() {
  const adminUrl = postgresUrl();
  const admin = knexFactory({ client: 'pg', connection: adminUrl });
  await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [NAME]);
  await admin.raw('CREATE DATABASE ??', [NAME]);
  const url = new URL(adminUrl);
  url.pathname = `/${NAME}`;
  const db = knexFactory({ client: 'pg', connection: url.toString() });
  try {
    const database = {
      getClient: async () => db,
      migrations: { skip: false },
    } as any;
    const store = await DatabaseEvaluationsStore.create({ database });
    const exemptions = await DatabaseExemptionsStore.create({ database });
    const seeded = Date.now();
    await seed(db);
    for (let i = 0; i < ENTITIES; i += 50) {
      await exemptions.createExemption({
        entityRef: `component:default/service-${String(i).padStart(5, '0')}`,
        checkId: 'kubernetes.pdb',
        reason: 'Singleton batch job',
        expiresAt: new Date(Date.now() + 30 * 86_400_000),
        createdBy: 'user:default/platform-lead',
        status: 'granted',
      });
    }
    await db.raw('VACUUM ANALYZE');
    console.log(
      `Seeded ${ENTITIES} entities, ${
        ENTITIES * builtInChecks.length
      } results in ${Date.now() - seeded} ms`,
    );

    const security: ScorecardDefinition = {
      id: 'security',
      title: 'Security',
      checks: ['kubernetes.*'],
      weights: new Map([['kubernetes.security-context', 1]]),
      levels: [
        { name: 'exposed', minScore: 0 },
        { name: 'safe', minScore: 80 },
      ],
      appliesTo: { lifecycles: ['production'] },
    };
    const inForce: CandidateScoring = {
      disabledChecks: [],
      overrides: new Map(),
      warnCredit: 0.5,
      levels: defaultLevels,
      pendingForMs: DEFAULT_PENDING_FOR_MS,
      scorecards: [defaultScorecard(defaultLevels), security],
    };
    const levels = [
      { name: 'bronze', minScore: 50 },
      { name: 'silver', minScore: 80 },
      { name: 'gold', minScore: 90, noFailingCritical: true },
    ];
    // Touches both scorecards: production readiness through the checks,
    // the warn credit and its levels; security through its own weight,
    // level and scope.
    const candidate: CandidateScoring = {
      ...inForce,
      disabledChecks: ['kubernetes.drift'],
      overrides: new Map([['kubernetes.pdb', { weight: 3 }]]),
      warnCredit: 0.25,
      levels,
      scorecards: [
        defaultScorecard(levels),
        {
          ...security,
          weights: new Map([['kubernetes.security-context', 3]]),
          levels: [
            { name: 'exposed', minScore: 0 },
            { name: 'safe', minScore: 85 },
          ],
          appliesTo: { lifecycles: ['production', 'experimental'] },
        },
      ],
    };
    const heapBefore = process.memoryUsage().heapUsed;
    let heapPeak = heapBefore;
    const measure = async (evaluations: EvaluationPages) => {
      const times: number[] = [];
      let preview;
      for (let run = 0; run < RUNS + 1; run++) {
        const started = process.hrtime.bigint();
        preview = await previewFleet({
          evaluations,
          exemptions,
          checks: builtInChecks,
          inForce,
          candidate,
        });
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
        // The first run warms the connection pool and the JIT: not counted.
        if (run > 0) times.push(ms);
      }
      times.sort((a, b) => a - b);
      return {
        preview: preview!,
        ms: {
          min: Math.round(times[0]),
          median: Math.round(percentile(times, 50)),
          p95: Math.round(percentile(times, 95)),
          max: Math.round(times[times.length - 1]),
        },
      };
    };
    const loadBefore = loadavg().map(l => Math.round(l * 100) / 100);
    const narrow = await measure(databasePages(store));
    const throughStore = await measure(storePages(store));
    if (
      JSON.stringify(narrow.preview) !== JSON.stringify(throughStore.preview)
    ) {
      throw new Error('The two ways of reading answered differently');
    }
    const last = narrow.preview;
    console.log(
      JSON.stringify(
        {
          entities: last.entities,
          changed: last.changed,
          groups: last.groups.map(g => g.summary),
          scorecards: last.scorecards.map(sc => ({
            id: sc.id,
            status: sc.status,
            entities: sc.entities,
            changed: sc.changed,
            groups: sc.groups.map(g => g.summary),
          })),
          notPreviewed: last.notPreviewed,
          scoreDelta: last.scoreDelta,
          runs: RUNS,
          ms: narrow.ms,
          msThroughTheStore: throughStore.ms,
          heapGrowthMb: Math.round((heapPeak - heapBefore) / 1e6),
          loadAverage: {
            before: loadBefore,
            after: loadavg().map(l => Math.round(l * 100) / 100),
          },
        },
        null,
        2,
      ),
    );
  } finally {
    await db.destroy();
    if (!process.env.KEEP_DATABASE) {
      await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [NAME]);
    }
    await admin.destroy();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
