/*
 * UI benchmark (on demand, not in CI): seeds one service with 1,000
 * deployments and 5,000 errors through the ingest API, then opens each of
 * its three OpsReady tabs in Chromium and times, from navigation start, the
 * moment the tab is interactive: its main content is drawn and one of its
 * controls answers a click. Prints the median of RUNS loads per tab, each in
 * a fresh browser context (an empty cache, as on a first visit), after one
 * unmeasured warm-up load of every tab.
 *
 * Started by bench/ui/run.sh, which brings up a portal on ports of its own:
 *
 *   yarn bench:ui              # the dev bundle (yarn start's)
 *   yarn bench:ui --production # the production build, served by the backend
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  createOpsReadyApiClient,
  DeploymentInput,
  ErrorCategory,
  ServiceErrorInput,
  ErrorSeverity,
  responseData,
} from '@opsready/plugin-opsready-common';
import { Browser, chromium, Page } from 'playwright-core';

const backend = process.env.BENCH_BACKEND_URL ?? 'http://localhost:7021';
const app = process.env.BENCH_APP_URL ?? 'http://localhost:3021';
const runs = Number(process.env.RUNS ?? 5);
const token = 'demo-fleet-seeder-token';
const entity = {
  kind: 'component',
  namespace: 'default',
  name: 'ui-bench-service',
};
const entityRef = `${entity.kind}:${entity.namespace}/${entity.name}`;
const DEPLOYMENTS = 1_000;
const ERRORS = 5_000;
const BATCH = 500;
const REQUEST_TIMEOUT_MS = 120_000;
const LOAD_TIMEOUT_MS = 180_000;

const api = createOpsReadyApiClient({
  baseUrl: `${backend}/api/opsready`,
  headers: { Authorization: `Bearer ${token}` },
});

const environments = ['production', 'staging', 'development'];
const severities: ErrorSeverity[] = ['critical', 'high', 'medium', 'low'];
const categories: ErrorCategory[] = [
  'dependency',
  'resource',
  'network',
  'configuration',
];

/** 1,000 deployments over the last 30 days, newest last, a few failing. */
function deployments(now: number): DeploymentInput[] {
  const span = 30 * 24 * 3600_000;
  return Array.from({ length: DEPLOYMENTS }, (_, i) => {
    const startedAt = now - span + (i * span) / DEPLOYMENTS;
    return {
      entityRef,
      environment: environments[i % environments.length],
      version: `1.${Math.floor(i / 10)}.${i % 10}`,
      status: i % 17 === 0 ? 'failed' : 'succeeded',
      startedAt: new Date(startedAt).toISOString(),
      finishedAt: new Date(startedAt + 240_000).toISOString(),
      commitSha: (0x1000000 + i).toString(16),
      commitAt: new Date(startedAt - 3600_000).toISOString(),
      actor: 'bench',
      source: 'bench',
      externalId: `bench-deploy-${i}`,
    };
  });
}

/** 5,000 errors over the last 7 days (the errors tab's default range), in 250 groups. */
function errors(now: number): ServiceErrorInput[] {
  const span = 7 * 24 * 3600_000;
  return Array.from({ length: ERRORS }, (_, i) => ({
    entityRef,
    environment: environments[i % environments.length],
    stage: 'runtime',
    code: `E${i % 250}`,
    severity: severities[i % severities.length],
    category: categories[i % categories.length],
    message: `Benchmark error ${i % 250}`,
    occurredAt: new Date(now - span + (i * span) / ERRORS).toISOString(),
    source: 'bench',
    externalId: `bench-error-${i}`,
    fingerprint: `bench-${i % 250}`,
  }));
}

/** Sends the items in batches; a fresh database each run, so every item must be a new row. */
async function ingest<T>(
  what: string,
  items: T[],
  send: (batch: T[]) => Promise<{ stored: number }>,
) {
  let stored = 0;
  for (let i = 0; i < items.length; i += BATCH) {
    stored += (await send(items.slice(i, i + BATCH))).stored;
  }
  if (stored !== items.length) {
    throw new Error(`${what}: stored ${stored} of ${items.length}`);
  }
}

async function seed() {
  const now = Date.now() - 60_000;
  const started = Date.now();
  await ingest('/deployments', deployments(now), batch =>
    responseData(
      api.POST('/deployments', {
        body: { items: batch },
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      }),
    ),
  );
  await ingest('/errors', errors(now), batch =>
    responseData(
      api.POST('/errors', {
        body: { items: batch },
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      }),
    ),
  );
  return Date.now() - started;
}

type Tab = {
  name: string;
  path: string;
  /** The tab's link on the entity page. */
  title: string;
  /** Waits until the tab's main content shows. */
  content: (page: Page) => Promise<void>;
  /** Then until one of its controls answers a click. */
  control: (page: Page) => Promise<void>;
};

async function interactive(page: Page, tab: Tab) {
  await tab.content(page);
  const contentShown = await page.evaluate(() => performance.now());
  await tab.control(page);
  return contentShown;
}

/** Opens a filter drop-down and waits for its choices, then closes it. */
async function filterResponds(page: Page, label: string) {
  await page
    .getByRole('button', { name: new RegExp(label) })
    .first()
    .click();
  await page.getByRole('listbox').waitFor();
  await page.keyboard.press('Escape');
}

const tabs: Tab[] = [
  {
    name: 'compliance',
    path: 'opsready-compliance',
    title: 'Compliance',
    content: page => page.getByLabel('Compliance score').waitFor(),
    async control(page) {
      // A check's row expands to its evidence and remediation.
      const check = page
        .locator('section[aria-label] [aria-expanded="false"]')
        .first();
      await check.click();
      await page
        .locator('section[aria-label] [aria-expanded="true"]')
        .first()
        .waitFor();
    },
  },
  {
    name: 'deployments',
    path: 'opsready-deployments',
    title: 'Deployments',
    content: page =>
      page
        .getByRole('cell', { name: /^1\.99\.\d/ })
        .first()
        .waitFor(),
    control: page => filterResponds(page, 'Environment'),
  },
  {
    name: 'errors',
    path: 'opsready-errors',
    title: 'Errors',
    content: page =>
      page
        .getByRole('button', { name: /^Benchmark error \d+$/ })
        .first()
        .waitFor(),
    control: page => filterResponds(page, 'Severity'),
  },
];

/** Runs `use` on a page of a fresh browser context (an empty cache). */
async function inFreshPage<T>(
  browser: Browser,
  use: (page: Page) => Promise<T>,
): Promise<T> {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
  });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(LOAD_TIMEOUT_MS);
    return await use(page);
  } finally {
    await context.close();
  }
}

/** One load of a tab in a fresh context: ms from navigation start. */
function load(browser: Browser, tab: Tab) {
  return inFreshPage(browser, async page => {
    await page.goto(
      `${app}/catalog/${entity.namespace}/${entity.kind}/${entity.name}/${tab.path}`,
      { waitUntil: 'commit' },
    );
    // A full page load starts signed out: the guest enters first.
    const enter = page.getByRole('button', { name: 'Enter' });
    await enter.waitFor();
    const signIn = await page.evaluate(() => performance.now());
    await enter.click();
    await interactive(page, tab);
    const interactiveAt = await page.evaluate(() => performance.now());
    return { signIn, interactive: interactiveAt };
  });
}

/**
 * What a user feels once the portal is open: on the service's page, a click
 * on the tab until it is interactive. One signed-in page for all of it; the
 * first click of each tab also loads the tab's code, the later ones only
 * its data (each tab fetches afresh when it opens).
 */
function switches(browser: Browser) {
  return inFreshPage(browser, async page => {
    // Room for every request of every round, for the breakdown.
    await page.addInitScript(() =>
      performance.setResourceTimingBufferSize(100_000),
    );
    await page.goto(
      `${app}/catalog/${entity.namespace}/${entity.kind}/${entity.name}`,
    );
    await page.getByRole('button', { name: 'Enter' }).click();
    const inFlight = trackApiRequests(page);
    const profiler = process.env.PROFILE_DIR
      ? await cpuProfiler(page, process.env.PROFILE_DIR)
      : undefined;
    // The entity page's tabs (the overview card links to some tabs too).
    const entityTabs = page.getByRole('navigation', {
      name: 'Content navigation',
    });
    const overview = entityTabs.getByRole('link', {
      name: 'Overview',
      exact: true,
    });
    await overview.waitFor();
    const times = new Map<string, number[]>(tabs.map(t => [t.name, []]));
    const breakdowns: Array<
      { tab: string; contentShown: number } & RequestBreakdown
    > = [];
    for (let round = 0; round <= runs; round++) {
      for (const tab of tabs) {
        await overview.click();
        await page.getByText('About').first().waitFor();
        // As a user who has read the overview: its cards have their data.
        await inFlight.idle();
        const profiling = round === runs && profiler;
        if (profiling) await profiler.start();
        const start = await page.evaluate(() => performance.now());
        await entityTabs
          .getByRole('link', { name: tab.title, exact: true })
          .click();
        const contentShown = await interactive(page, tab);
        const end = await page.evaluate(() => performance.now());
        if (profiling) await profiler.stop(tab.name);
        times.get(tab.name)!.push(end - start);
        if (round === runs) {
          breakdowns.push({
            tab: tab.name,
            contentShown: contentShown - start,
            ...(await requestsSince(page, start, end)),
          });
        }
      }
    }
    if (process.env.BREAKDOWN === '1') {
      for (const b of breakdowns) {
        console.log(
          `${b.tab}: content shown after ${Math.round(
            b.contentShown,
          )} ms, interactive after ${Math.round(b.total)} ms`,
        );
        console.table(b.requests);
      }
    }
    return tabs.map(tab => {
      const [first, ...later] = times.get(tab.name)!;
      return {
        tab: tab.name,
        'first click ms': Math.round(first),
        'median ms': Math.round(median(later)),
        'min ms': Math.round(Math.min(...later)),
        'max ms': Math.round(Math.max(...later)),
      };
    });
  });
}

/**
 * The browser's CPU profile of a tab's last click, written to
 * PROFILE_DIR/<tab>.cpuprofile (open it in Chromium's DevTools).
 */
async function cpuProfiler(page: Page, dir: string) {
  const session = await page.context().newCDPSession(page);
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 200 });
  await mkdir(dir, { recursive: true });
  return {
    start: () => session.send('Profiler.start'),
    async stop(name: string) {
      const { profile } = await session.send('Profiler.stop');
      await writeFile(join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
    },
  };
}

/** Counts the page's backend requests in flight; `idle` waits for none. */
function trackApiRequests(page: Page) {
  const pending = new Set<unknown>();
  const isApi = (url: string) => url.includes('/api/');
  page.on('request', r => isApi(r.url()) && pending.add(r));
  page.on('requestfinished', r => pending.delete(r));
  page.on('requestfailed', r => pending.delete(r));
  return {
    async idle() {
      // Two quiet checks in a row: a response often starts the next request.
      for (let quiet = 0; quiet < 2; ) {
        await page.waitForTimeout(25);
        quiet = pending.size === 0 ? quiet + 1 : 0;
      }
    },
  };
}

type RequestBreakdown = {
  total: number;
  requests: Array<{ path: string; 'start ms': number; 'end ms': number }>;
};

/**
 * The backend requests a tab made between its click and its being
 * interactive, from the browser's resource timing: where a tab's time goes
 * (BREAKDOWN=1 prints it for the last click of each tab).
 */
async function requestsSince(
  page: Page,
  start: number,
  end: number,
): Promise<RequestBreakdown> {
  const entries = await page.evaluate(
    since =>
      performance
        .getEntriesByType('resource')
        .map(e => e as PerformanceResourceTiming)
        .filter(e => e.startTime >= since && e.name.includes('/api/'))
        .map(e => ({ name: e.name, start: e.startTime, end: e.responseEnd })),
    start,
  );
  return {
    total: end - start,
    requests: entries.map(e => {
      const url = new URL(e.name);
      return {
        path: `${url.pathname.replace(/^\/api\//, '')}${url.search}`.slice(
          0,
          110,
        ),
        'start ms': Math.round(e.start - start),
        'end ms': Math.round(e.end - start),
      };
    }),
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function main() {
  // The seeder's token may send events but not read the catalog: the
  // browser's guest reads, and the warm-up waits for the catalog to hold
  // the service.
  if (process.env.SKIP_SEED !== '1') {
    console.log(`Seeding ${DEPLOYMENTS} deployments and ${ERRORS} errors…`);
    const ms = await seed();
    console.log(`  seeded in ${(ms / 1000).toFixed(1)} s`);
  }
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  try {
    if (process.env.SWITCHES_ONLY === '1') {
      console.log('Tab switches only (SWITCHES_ONLY=1):');
      console.table(await switches(browser));
      return;
    }
    console.log('Warm-up: one unmeasured load of each tab…');
    for (const tab of tabs) {
      await load(browser, tab);
    }
    const rows = [];
    for (const tab of tabs) {
      const loads = [];
      for (let i = 0; i < runs; i++) {
        loads.push(await load(browser, tab));
      }
      const interactive = loads.map(l => l.interactive);
      rows.push({
        tab: tab.name,
        'median ms': Math.round(median(interactive)),
        'min ms': Math.round(Math.min(...interactive)),
        'max ms': Math.round(Math.max(...interactive)),
        'sign-in shown, median ms': Math.round(
          median(loads.map(l => l.signIn)),
        ),
      });
    }
    console.log(
      `Navigation start to interactive, ${runs} loads per tab (${app}):`,
    );
    console.table(rows);
    console.log(
      `Click on the tab to interactive, signed in on the service's page, ${runs} clicks per tab after the first:`,
    );
    console.table(await switches(browser));
  } finally {
    await browser.close();
  }
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
