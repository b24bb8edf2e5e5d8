/*
 * The read side: 1M deployments and 1M errors written straight into the
 * tables the plugin's migrations made (INSERT ... SELECT generate_series is
 * minutes faster than the API, and reading is what is measured here), then
 * the entity pages' requests through the HTTP API, one at a time, with the
 * time of each: a 500-row page of deployments and of errors (and the
 * following pages, by their cursors), a 90-day timeline, and every request
 * the errors and deployments tabs make when they open. Each query is
 * then run under EXPLAIN ANALYZE, to tell the database's share from the
 * rest of a request (auth, the catalog lookup, JSON).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  ApiQuery,
  createOpsReadyApiClient,
  Page,
  responseData,
} from '@opsready/plugin-opsready-common';
import { scalar, sql } from './sql';
import { nextOf, Read, rowsOf, tabReads } from './tabs';
import { ms, Summary, summarize, table } from './stats';

export interface ReadOptions {
  backend: string;
  token: string;
  /** Rows of each table. */
  rows: number;
  /** Where the query plans are written. */
  plansFile: string;
}

const SOURCE = 'bench-seed';
const BENCH_ENTITY = 'component:default/ingest-bench-service';
const SERVICES = 400;
/** One row in BENCH_EVERY belongs to the benchmark's service: 50,000 of 1M. */
const BENCH_EVERY = 20;
const CHUNK = 100_000;
const YEAR_S = 365 * 24 * 3600;
const DAY_MS = 24 * 3600_000;
const REQUEST_TIMEOUT_MS = 60_000;
const BENCH_PATH = {
  kind: 'component',
  namespace: 'default',
  name: 'ingest-bench-service',
};

/** The service of row g: the benchmark's service, or one of the fleet. */
const entitySql = (g: string) =>
  `CASE WHEN ${g} % ${BENCH_EVERY} = 0 THEN '${BENCH_ENTITY}'
        ELSE 'component:default/fleet-' || lpad((${g} % ${
    SERVICES - 1
  })::text, 3, '0') END`;

/**
 * When row g happened: spread over the year before `anchor`, one second
 * apart at most once (7919 and 104729 are primes not dividing 365 days in
 * seconds, so g -> g * p mod year is one-to-one), with milliseconds.
 */
const atSql = (g: string, prime: number, anchor: string) =>
  `(timestamptz '${anchor}' - (((${g}::bigint * ${prime}) % ${YEAR_S}) * interval '1 second') - ((${g} % 1000) * interval '1 millisecond'))`;

async function seed(rowCount: number, anchor: string) {
  const started = Date.now();
  for (let lo = 1; lo <= rowCount; lo += CHUNK) {
    const hi = Math.min(rowCount, lo + CHUNK - 1);
    await sql(`
      INSERT INTO opsready_deployments (id, entity_ref, environment, version,
        status, started_at, finished_at, commit_sha, commit_at, actor, url,
        source, external_id, is_rollback, change_failure, change_failure_reasons,
        rollback_advised, received_at, updated_at)
      SELECT gen_random_uuid()::text, ${entitySql('g')},
        (ARRAY['production','staging','development'])[1 + g % 3],
        '1.' || (g / 1000) || '.' || (g % 1000),
        CASE WHEN g % 17 = 0 THEN 'failed' ELSE 'succeeded' END,
        t, t + interval '4 minutes', substr(md5(g::text), 1, 12),
        t - interval '1 hour', 'bench', 'https://ci.example.com/runs/' || g,
        '${SOURCE}', 'deploy-' || g, false, g % 17 = 0,
        CASE WHEN g % 17 = 0 THEN 'error' END, false,
        t + interval '4 minutes', t + interval '4 minutes'
      FROM generate_series(${lo}, ${hi}) g,
        LATERAL (SELECT ${atSql('g', 7919, anchor)} AS t) at;
      INSERT INTO opsready_errors (id, entity_ref, environment, stage, code,
        severity, category, message, occurred_at, first_seen_at, last_seen_at,
        count, fingerprint, resolved_at, resolved_by, source, external_id,
        received_at, updated_at)
      SELECT gen_random_uuid()::text, ${entitySql('g')},
        (ARRAY['production','staging','development'])[1 + g % 3], 'runtime',
        'E' || (g % 50),
        (ARRAY['critical','high','medium','low'])[1 + g % 4],
        (ARRAY['configuration','dependency','resource','network','security','performance'])[1 + g % 6],
        'Benchmark error ' || (g % 50) || ': upstream timed out after 5000 ms',
        t, t, t, 1, 'seed-' || (g % ${SERVICES - 1}) || '-' || (g % 50),
        CASE WHEN g % 3 = 0 THEN NULL ELSE t + interval '1 hour' END,
        CASE WHEN g % 3 = 0 THEN NULL ELSE 'bench' END,
        '${SOURCE}', 'error-' || g, t, t
      FROM generate_series(${lo}, ${hi}) g,
        LATERAL (SELECT ${atSql('g', 104729, anchor)} AS t) at;
    `);
    process.stdout.write(
      `\r    ${hi.toLocaleString('en-US')} deployments and errors (${(
        (Date.now() - started) /
        1000
      ).toFixed(0)} s)`,
    );
  }
  process.stdout.write('\n');
  // Each of the service's errors follows the deployment before it in its
  // environment, as correlation would have linked it: a page of errors then
  // looks its deployments up, as it does in real life.
  await sql(`
    UPDATE opsready_errors e SET deployment_id = (
      SELECT d.id FROM opsready_deployments d
      WHERE d.entity_ref = e.entity_ref AND d.environment = e.environment
        AND d.started_at <= e.first_seen_at
      ORDER BY d.started_at DESC LIMIT 1)
    WHERE e.entity_ref = '${BENCH_ENTITY}' AND e.source = '${SOURCE}';
  `);
  // Statistics and the visibility map, as autovacuum would leave them a
  // while after a bulk load; measured right after the load, plans would
  // depend on when autovacuum happened to run.
  await sql('VACUUM ANALYZE opsready_deployments;');
  await sql('VACUUM ANALYZE opsready_errors;');
  return Date.now() - started;
}

/** One request and how long its answer took to arrive and parse. */
async function timed(
  read: Read,
  cursor?: string,
): Promise<{ ms: number; body: Page<unknown> | object }> {
  const started = performance.now();
  const body = await read(cursor);
  return { ms: performance.now() - started, body };
}

/** The same request `times` times; the rows of its answer. */
async function repeat(read: Read, times: number) {
  const samples: number[] = [];
  let items = 0;
  for (let i = 0; i < times; i++) {
    const { ms: t, body } = await timed(read);
    samples.push(t);
    items = rowsOf(body);
  }
  return { summary: summarize(samples), items };
}

/** Every page after the first, by its cursor, up to `maxPages`. */
async function walk(read: Read, maxPages: number) {
  const samples: number[] = [];
  const cursors: string[] = [];
  let items = 0;
  let { body } = await timed(read);
  for (
    let next = nextOf(body);
    next && samples.length < maxPages;
    next = nextOf(body)
  ) {
    cursors.push(next);
    const page = await timed(read, next);
    samples.push(page.ms);
    items += rowsOf(page.body);
    body = page.body;
  }
  return { summary: summarize(samples), items, cursors };
}

function decodeCursor(cursor: string) {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  return { at, id };
}

/** EXPLAIN ANALYZE of a query as the store sends it: the plan, and the execution time. */
async function explain(text: string) {
  // Once to warm the cache as the HTTP requests did, then the one measured.
  await sql(`EXPLAIN (ANALYZE) ${text}`);
  const plan = await sql(`EXPLAIN (ANALYZE, BUFFERS) ${text}`);
  const time = Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? NaN);
  return { plan, time };
}

export async function readSide(options: ReadOptions) {
  const anchor = new Date().toISOString();
  const before = await scalar(
    `select count(*) from opsready_deployments where source = '${SOURCE}'`,
  );
  if (before === 0) {
    console.log(
      `==> Read side: filling PostgreSQL with ${options.rows.toLocaleString(
        'en-US',
      )} deployments and as many errors (${SERVICES} services, 3 environments, one year)`,
    );
    const seedMs = await seed(options.rows, anchor);
    console.log(
      `    filled, linked and analysed in ${(seedMs / 1000).toFixed(0)} s`,
    );
  }
  const counts = await sql(`
    select (select count(*) from opsready_deployments),
           (select count(*) from opsready_errors),
           (select count(*) from opsready_deployments where entity_ref = '${BENCH_ENTITY}'),
           (select count(*) from opsready_errors where entity_ref = '${BENCH_ENTITY}'),
           pg_size_pretty(pg_total_relation_size('opsready_deployments')),
           pg_size_pretty(pg_total_relation_size('opsready_errors'))`);
  const [deployments, errors, benchDeployments, benchErrors, dSize, eSize] =
    counts.split('\t');
  console.log(
    `    ${deployments} deployments (${dSize} with indexes), ${errors} errors (${eSize}); ` +
      `${benchDeployments} and ${benchErrors} of them ${BENCH_ENTITY}'s`,
  );

  const api = createOpsReadyApiClient({
    baseUrl: `${options.backend}/api/opsready`,
    headers: { Authorization: `Bearer ${options.token}` },
  });
  const signal = () => AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  const to = new Date();
  const from = new Date(to.getTime() - 90 * DAY_MS);
  const window = { from: from.toISOString(), to: to.toISOString() };
  const errorPages =
    (query: ApiQuery<'/entities/{kind}/{namespace}/{name}/errors'>): Read =>
    cursor =>
      responseData(
        api.GET('/entities/{kind}/{namespace}/{name}/errors', {
          params: { path: BENCH_PATH, query: { ...query, cursor } },
          signal: signal(),
        }),
      );
  const timelinePages =
    (query: { limit?: number }): Read =>
    cursor =>
      responseData(
        api.GET('/entities/{kind}/{namespace}/{name}/timeline', {
          params: {
            path: BENCH_PATH,
            query: { ...window, ...query, cursor },
          },
          signal: signal(),
        }),
      );
  const deploymentPages =
    (
      query: ApiQuery<'/entities/{kind}/{namespace}/{name}/deployments'>,
    ): Read =>
    cursor =>
      responseData(
        api.GET('/entities/{kind}/{namespace}/{name}/deployments', {
          params: { path: BENCH_PATH, query: { ...query, cursor } },
          signal: signal(),
        }),
      );
  // What the errors tab asks for when it opens: the last 7 days.
  const week = {
    from: new Date(to.getTime() - 7 * DAY_MS).toISOString(),
    to: to.toISOString(),
  };
  const reads = {
    deployments: deploymentPages({ limit: 500 }),
    errorsFlat: errorPages({ view: 'flat', limit: 500 }),
    // The errors tab asks for the last 7 days unless told otherwise.
    errorsGrouped: errorPages({
      limit: 500,
      from: new Date(to.getTime() - 7 * DAY_MS).toISOString(),
    }),
    errorsGroupedAll: errorPages({ limit: 500 }),
    timeline: timelinePages({ limit: 500 }),
    timelineDefault: timelinePages({}),
  };
  const tabs = tabReads({ api, path: BENCH_PATH, week, signal });

  console.log('==> Read side: requests through the HTTP API, one at a time');
  // Warm-up: the first requests compile code paths and fill caches.
  for (const read of [...Object.values(reads), ...tabs.map(([, r]) => r)]) {
    await repeat(read, 5);
  }

  const results: Array<{ what: string; items: number; summary: Summary }> = [];
  const first = async (what: string, read: Read, times: number) => {
    const { summary, items } = await repeat(read, times);
    results.push({ what, items, summary });
  };
  const pages = async (what: string, read: Read, maxPages: number) => {
    const { summary, items, cursors } = await walk(read, maxPages);
    results.push({
      what,
      items: summary.n ? Math.round(items / summary.n) : 0,
      summary,
    });
    return cursors;
  };
  await first('deployments, first page of 500', reads.deployments, 50);
  const deploymentCursors = await pages(
    'deployments, next pages of 500 (by cursor)',
    reads.deployments,
    200,
  );
  await first('errors (flat), first page of 500', reads.errorsFlat, 50);
  const errorCursors = await pages(
    'errors (flat), next pages of 500 (by cursor)',
    reads.errorsFlat,
    200,
  );
  await first('errors (grouped), 7 days, first page', reads.errorsGrouped, 30);
  await first(
    'errors (grouped), all time, first page',
    reads.errorsGroupedAll,
    20,
  );
  await first('timeline, 90 days, page of 500', reads.timeline, 50);
  const timelineCursors = await pages(
    'timeline, 90 days, next pages of 500',
    reads.timeline,
    20,
  );
  await first(
    'timeline, 90 days, default page (50)',
    reads.timelineDefault,
    50,
  );
  for (const [what, read] of tabs) await first(what, read, 30);

  console.log(
    table(
      ['request', 'rows', 'n', 'p50', 'p95', 'p99', 'max', 'p95 < 50 ms'],
      results.map(r => [
        r.what,
        r.items,
        r.summary.n,
        ms(r.summary.p50),
        ms(r.summary.p95),
        ms(r.summary.p99),
        ms(r.summary.max),
        r.summary.n === 0 ? '-' : r.summary.p95 < 50 ? 'yes' : 'NO',
      ]),
    ),
  );

  // The same queries in the database alone, as knex sends them; the later
  // pages at the last cursor each walk reached.
  const iso = (d: Date) => d.toISOString();
  const queries: Array<[string, string]> = [
    [
      'deployments, first page',
      `select * from opsready_deployments where entity_ref = '${BENCH_ENTITY}'
       order by started_at desc, id desc limit 501`,
    ],
    [
      'errors (flat), first page',
      `select * from opsready_errors where entity_ref = '${BENCH_ENTITY}'
       order by last_seen_at desc, id desc limit 501`,
    ],
    [
      'errors (grouped), the groups',
      `select fingerprint, max(last_seen_at) as group_last_seen_at,
       min(first_seen_at) as group_first_seen_at, sum(count) as group_total,
       count(*) as group_occurrences from opsready_errors
       where entity_ref = '${BENCH_ENTITY}' group by fingerprint
       order by group_last_seen_at desc, fingerprint asc limit 501`,
    ],
    [
      'errors (grouped), a page with its latest rows',
      `select g.*, (case when exists (select 1 from opsready_errors o
         where o.entity_ref = '${BENCH_ENTITY}' and o.fingerprint = g.fingerprint
         and o.resolved_at is null) then 1 else 0 end) as group_open, e.*, linked.version
       from (select fingerprint, max(last_seen_at) as group_last_seen_at,
         min(first_seen_at) as group_first_seen_at, sum(count) as group_total,
         count(*) as group_occurrences from opsready_errors
         where entity_ref = '${BENCH_ENTITY}' group by fingerprint
         order by group_last_seen_at desc, fingerprint asc limit 501) g
       join opsready_errors e on e.id = (select l.id from opsready_errors l
         where l.entity_ref = '${BENCH_ENTITY}' and l.fingerprint = g.fingerprint
         order by l.last_seen_at desc, l.id desc limit 1)
       left join opsready_deployments linked on linked.id = e.deployment_id
       order by g.group_last_seen_at desc, g.fingerprint asc`,
    ],
    [
      'timeline, deployments of 90 days',
      `select * from opsready_deployments where entity_ref = '${BENCH_ENTITY}'
       and started_at >= '${iso(from)}' and started_at <= '${iso(to)}'
       order by started_at desc, id desc limit 501`,
    ],
    [
      'timeline, errors started in 90 days',
      `select * from opsready_errors where entity_ref = '${BENCH_ENTITY}'
       and first_seen_at between '${iso(from)}' and '${iso(to)}'
       order by first_seen_at desc, id desc limit 501`,
    ],
  ];
  if (deploymentCursors.length) {
    const { at, id } = decodeCursor(deploymentCursors.at(-1)!);
    queries.push([
      `deployments, page ${deploymentCursors.length + 1} (last cursor)`,
      `select * from opsready_deployments where entity_ref = '${BENCH_ENTITY}'
       and (started_at < '${at}' or (started_at = '${at}' and id < '${id}'))
       order by started_at desc, id desc limit 501`,
    ]);
  }
  if (errorCursors.length) {
    const { at, id } = decodeCursor(errorCursors.at(-1)!);
    queries.push([
      `errors (flat), page ${errorCursors.length + 1} (last cursor)`,
      `select * from opsready_errors where entity_ref = '${BENCH_ENTITY}'
       and (last_seen_at < '${at}' or (last_seen_at = '${at}' and id < '${id}'))
       order by last_seen_at desc, id desc limit 501`,
    ]);
  }
  if (timelineCursors.length) {
    const { at } = decodeCursor(timelineCursors.at(-1)!);
    queries.push([
      `timeline, errors started in 90 days, page ${timelineCursors.length + 1}`,
      `select * from opsready_errors where entity_ref = '${BENCH_ENTITY}'
       and first_seen_at between '${iso(from)}' and '${at}'
       order by first_seen_at desc, id desc limit 551`,
    ]);
  }
  const plans: string[] = [];
  const timings: Array<[string, string, string]> = [];
  for (const [what, text] of queries) {
    const { plan, time } = await explain(text);
    plans.push(`-- ${what}\n${text.replace(/\s+/g, ' ')}\n${plan}\n`);
    const top = plan
      .split('\n')[0]
      .replace(/\s+\(cost=.*$/, '')
      .trim();
    timings.push([what, ms(time), top]);
  }
  mkdirSync(dirname(options.plansFile), { recursive: true });
  writeFileSync(options.plansFile, plans.join('\n'));
  console.log(table(['query (EXPLAIN ANALYZE)', 'execution', 'plan'], timings));
  console.log(`    the plans: ${options.plansFile}`);
  return results;
}
