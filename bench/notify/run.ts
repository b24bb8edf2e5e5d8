/*
 * Benchmark (on demand, not in CI): 10,000 health endpoints (2,000
 * components in 5 environments, owned by 500 team groups) go down at once
 * because the shared dependencies they depend on are down, and the real
 * notifier (HealthAlerts, DefaultNoticeDelivery, the notification log and
 * incident stores on a fresh database) tells their owners. It prints, for
 * the outage and for the recovery:
 *
 * - the sends, against the bound: each root cause's owners and the owners
 *   of its dependants, once each;
 * - that nothing is lost: every owner concerned was told exactly once per
 *   root cause, in a notification naming its entities, and the log has a
 *   row per send (and, with NOTIFICATIONS_BACKEND=1, every member of those
 *   groups has exactly one notification per root cause in the real
 *   notifications backend);
 * - the time from the first event published to the last send;
 * - where the notifier's time went.
 *
 * A second scenario takes the same fleet down with its shared dependencies
 * up, each endpoint its own root cause, to show what folding saves.
 *
 *   yarn bench:notify                         # PostgreSQL from scripts/ensure-postgres.sh
 *   DATABASE=sqlite yarn bench:notify
 *   NOTIFICATIONS_BACKEND=1 yarn bench:notify # count what users end up with
 *   SCENARIOS=shared SPREAD_MS=10000 yarn bench:notify
 *
 * Target: the outage told within 10 s of its first event, with sends no
 * more than the bound and nothing lost.
 */
import { loadavg } from 'node:os';
import type { Knex } from 'knex';
import { scratchDatabase, ScratchDatabase } from './database';
import {
  checkInboxes,
  checkOutage,
  checkRecovery,
  expectedIncidents,
  Scenario,
} from './expected';
import { buildFleet, Endpoint, Fleet } from './fleet';
import { startNotificationsBackend } from './notificationsBackend';
import { countingLogger, startNotifier } from './notifier';
import { Profile } from './profile';
import { EndpointStates, seededRandom, sweepBatches } from './sweep';

const ALL_ENVIRONMENTS = ['production', 'staging', 'qa', 'dev', 'perf'];
const env = (name: string, fallback: number) =>
  Number(process.env[name] ?? fallback);
const ENTITIES = env('ENTITIES', 2000);
const OWNERS = env('OWNERS', 500);
const ENVIRONMENTS = ALL_ENVIRONMENTS.slice(0, env('ENVIRONMENTS', 5));
const SHARED = env('SHARED', 2);
const USERS_PER_GROUP = env('USERS_PER_GROUP', 2);
/** Transitions per message, as the health sweep's writer stores them. */
const BATCH = env('BATCH', 250);
const GROUP_WAIT_MS = env('GROUP_WAIT_MS', 3000);
/** The probes' times are spread over a sweep this long. */
const SWEEP_MS = 20_000;
const PER_HOUR = env('PER_HOUR', 20);
/** Spread the messages over this long instead of publishing at once. */
const SPREAD_MS = env('SPREAD_MS', 0);
const SEED = env('SEED', 1);
const TARGET_MS = 10_000;
const ENGINE = process.env.DATABASE === 'sqlite' ? 'sqlite' : 'postgres';
const REAL_BACKEND = process.env.NOTIFICATIONS_BACKEND === '1';
const SCENARIOS = (process.env.SCENARIOS ?? 'shared,independent').split(
  ',',
) as Scenario[];

const sleep = (ms: number) =>
  new Promise(resolve => setTimeout(resolve, Math.max(0, ms)));
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const n = (value: number) => value.toLocaleString('en-US');
const load1 = () => loadavg()[0].toFixed(2);

type Row = [string, string];
function print(title: string, rows: Row[]) {
  process.stdout.write(`\n${title}\n`);
  for (const [name, value] of rows) {
    process.stdout.write(`  ${name.padEnd(50)} ${value}\n`);
  }
}

function targetVerdict(toLastSendMs: number): string {
  // Spread events arrive over longer than the target: it does not apply.
  if (SPREAD_MS > 0) return 'the events took longer than the target to come';
  return toLastSendMs <= TARGET_MS ? 'met' : 'MISSED';
}

type Context = Awaited<ReturnType<typeof startNotifier>> & {
  states: EndpointStates;
  profile: Profile;
  random: () => number;
};

/**
 * One sweep's worth of changes: the states stored, then the transitions
 * published in batches (the `last` ones in the last batch), then the wait
 * for the notifier to tell them.
 */
async function phase(
  ctx: Context,
  endpoints: Endpoint[],
  last: Endpoint[],
  to: 'up' | 'down',
) {
  const batches = sweepBatches({
    endpoints,
    last,
    to,
    end: new Date(),
    sweepMs: SWEEP_MS,
    batchSize: BATCH,
    random: ctx.random,
  });
  ctx.states.record(batches.flat());
  const before = ctx.sends.length;
  ctx.profile.reset();
  const started = performance.now();
  for (const [i, batch] of batches.entries()) {
    await sleep(started + (SPREAD_MS * i) / batches.length - performance.now());
    await ctx.publisher.publish(batch);
  }
  const published = performance.now();
  // What is gathered is told at most the group wait after its first event.
  await sleep(GROUP_WAIT_MS + 100);
  await ctx.notifier.flush();
  const sends = ctx.sends.slice(before);
  const lastSend = Math.max(started, ...sends.map(s => s.at));
  return {
    events: endpoints.length + last.length,
    messages: batches.length,
    sends,
    publishMs: published - started,
    toLastSendMs: lastSend - started,
    toLoggedMs: ctx.progress.deliveredAt - started,
    profile: ctx.profile.entries(),
  };
}

async function logCounts(db: Knex) {
  const rows: Array<{ status: string; n: number | string }> = await db(
    'opsready_notification_log',
  )
    .select('status')
    .count({ n: '*' })
    .groupBy('status');
  return new Map(rows.map(r => [r.status, Number(r.n)]));
}

async function incidentCounts(db: Knex) {
  const [{ open }] = await db('opsready_health_incidents')
    .whereNull('resolved_at')
    .count({ open: '*' });
  const [{ members }] = await db('opsready_health_incident_members').count({
    members: '*',
  });
  return { open: Number(open), members: Number(members) };
}

/** Log rows written since `before`, by status. */
function logSince(before: Map<string, number>, after: Map<string, number>) {
  const out: Record<string, number> = {};
  for (const [status, count] of after) {
    const added = count - (before.get(status) ?? 0);
    if (added > 0) out[status] = added;
  }
  return out;
}

const statuses = (rows: Record<string, number>) =>
  Object.entries(rows)
    .map(([status, count]) => `${status} ${n(count)}`)
    .join(', ') || 'none';

function profileRows(
  profile: Array<{ name: string; calls: number; ms: number }>,
) {
  return profile
    .slice(0, 10)
    .map(
      (p): Row => [`  ${p.name}`, `${seconds(p.ms)} in ${n(p.calls)} calls`],
    );
}

async function runScenario(scenario: Scenario, fleet: Fleet) {
  const databases: ScratchDatabase[] = [];
  let stopBackend = async () => {};
  const failures: string[] = [];
  const expect = (ok: boolean, what: string) => {
    if (!ok) failures.push(what);
    return ok ? 'yes' : 'NO';
  };
  try {
    const db = await scratchDatabase(ENGINE);
    databases.push(db);
    let real: Awaited<ReturnType<typeof startNotificationsBackend>> | undefined;
    if (REAL_BACKEND) {
      const backendDb = await scratchDatabase(ENGINE);
      databases.push(backendDb);
      real = await startNotificationsBackend({
        fleet,
        database: backendDb.client,
        // Its throttle: at most `concurrencyLimit` users' notifications
        // per `throttleInterval`, 10 per 50 ms unless configured.
        config: {
          ...(process.env.NOTIFICATIONS_CONCURRENCY
            ? { concurrencyLimit: env('NOTIFICATIONS_CONCURRENCY', 10) }
            : {}),
          ...(process.env.NOTIFICATIONS_THROTTLE_MS
            ? {
                throttleInterval: {
                  milliseconds: env('NOTIFICATIONS_THROTTLE_MS', 50),
                },
              }
            : {}),
        },
      });
      stopBackend = real.stop;
    }
    const states = new EndpointStates();
    const profile = new Profile();
    const logger = countingLogger();
    const ctx: Context = {
      ...(await startNotifier({
        db: db.client,
        fleet,
        states,
        notifications: real?.notifications ?? { send: async () => {} },
        groupWaitMs: GROUP_WAIT_MS,
        perHour: PER_HOUR,
        profile,
        logger,
      })),
      states,
      profile,
      random: seededRandom(SEED),
    };
    const incidents = expectedIncidents(fleet, ENVIRONMENTS, scenario);
    const last = scenario === 'shared' ? fleet.sharedEndpoints : [];
    const inboxes = async (recovered: boolean) =>
      real
        ? checkInboxes({ fleet, incidents, inbox: real.inbox, recovered })
        : undefined;

    const log0 = await logCounts(db.client);
    const outage = await phase(ctx, fleet.componentEndpoints, last, 'down');
    const told = checkOutage(outage.sends, incidents);
    const log1 = await logCounts(db.client);
    const outageLog = logSince(log0, log1);
    const open = await incidentCounts(db.client);
    const outageInbox = await inboxes(false);

    const recovery = await phase(ctx, fleet.componentEndpoints, last, 'up');
    const back = checkRecovery(recovery.sends, incidents);
    const recoveryLog = logSince(log1, await logCounts(db.client));
    const afterRecovery = await incidentCounts(db.client);
    const recoveryInbox = await inboxes(true);

    const endpointsDown = incidents.reduce((sum, i) => sum + i.endpoints, 0);
    const rows: Row[] = [
      [
        'endpoints down / messages published',
        `${n(outage.events)} / ${n(outage.messages)} of up to ${BATCH}`,
      ],
      [
        'root causes: expected / open incidents (members)',
        `${n(incidents.length)} / ${n(open.open)} (${n(open.members)})`,
      ],
      ['bound: owners told of each root cause, summed', n(told.bound)],
      [
        'sends (≤ bound?)',
        `${n(told.sends)} (${expect(
          told.sends <= told.bound,
          'sends over the bound',
        )})`,
      ],
      [
        'recipient refs / distinct (recipient, root cause)',
        `${n(told.recipients)} / ${n(told.pairs)}`,
      ],
      [
        'every owner told once per root cause?',
        `${expect(
          told.pairs === told.bound &&
            told.missing === 0 &&
            told.repeated === 0 &&
            told.unexpected === 0,
          'owners not told exactly once',
        )} (missing ${told.missing}, twice ${told.repeated}, not concerned ${
          told.unexpected
        })`,
      ],
      [
        'notices naming the owner’s entities? (all / some)',
        `${expect(
          told.namingNone === 0,
          'notices naming none of the entities',
        )} (${n(
          told.recipients - told.unexpected - told.namingSome - told.namingNone,
        )} / ${n(told.namingSome)})`,
      ],
      [
        'log rows (a row per send?)',
        `${statuses(outageLog)} (${expect(
          (outageLog.sent ?? 0) + (outageLog.updated ?? 0) === told.sends &&
            Object.keys(outageLog).every(s => s === 'sent' || s === 'updated'),
          'log rows do not match the sends',
        )})`,
      ],
      ...(outageInbox
        ? [
            [
              'users’ notifications in the backend (as expected?)',
              `${n(outageInbox.rows)} for ${n(
                outageInbox.users,
              )} users (${expect(
                outageInbox.usersWrong === 0 &&
                  outageInbox.rows === outageInbox.expectedRows,
                'users without exactly one notification per root cause',
              )}, ${outageInbox.usersWrong} users wrong)`,
            ] as Row,
          ]
        : []),
      ['publishing', seconds(outage.publishMs)],
      [
        `first event → last send (target ${seconds(TARGET_MS)})`,
        `${seconds(outage.toLastSendMs)} (${targetVerdict(
          outage.toLastSendMs,
        )}; group wait ${seconds(GROUP_WAIT_MS)})`,
      ],
      [
        'last event → last send',
        seconds(outage.toLastSendMs - outage.publishMs),
      ],
      ['first event → all logged', seconds(outage.toLoggedMs)],
      ['where the time went (summed over calls)', ''],
      ...profileRows(outage.profile),
      [
        'recovery: sends / incidents',
        `${n(back.sends)} / ${n(back.incidents)}`,
      ],
      [
        'recovery: one per incident, to all told?',
        `${expect(
          back.wrong === 0 && back.sends === back.incidents,
          'recovery not told to all, once',
        )} (${n(back.recipients)} recipient refs, ${back.wrong} wrong)`,
      ],
      ['recovery: log rows', statuses(recoveryLog)],
      [
        'recovery: open incidents (members) after',
        `${n(afterRecovery.open)} (${n(afterRecovery.members)})`,
      ],
      ...(recoveryInbox
        ? [
            [
              'recovery: users’ notifications (updated in place?)',
              `${n(recoveryInbox.rows)} (${expect(
                recoveryInbox.usersWrong === 0 &&
                  recoveryInbox.rows === recoveryInbox.expectedRows,
                'recovery did not update each user’s notification',
              )}, ${recoveryInbox.usersWrong} users wrong)`,
            ] as Row,
          ]
        : []),
      [
        'recovery: first event → last send / all logged',
        `${seconds(recovery.toLastSendMs)} / ${seconds(recovery.toLoggedMs)}`,
      ],
      ['recovery: where the time went', ''],
      ...profileRows(recovery.profile),
      ['warnings and errors logged', String(logger.problems.length)],
    ];
    expect(afterRecovery.open === 0, 'incidents left open');
    expect(open.members === endpointsDown, 'incident members do not match');
    expect(logger.problems.length === 0, 'warnings or errors logged');
    print(
      `scenario ${scenario}: ${
        scenario === 'shared'
          ? `${SHARED} shared dependencies down in ${ENVIRONMENTS.length} environments`
          : 'each endpoint down on its own'
      } (${db.kind})`,
      rows,
    );
    return {
      scenario,
      endpoints: outage.events,
      rootCauses: incidents.length,
      bound: told.bound,
      sends: told.sends,
      toLastSendMs: outage.toLastSendMs,
      recoverySends: back.sends,
      recoveryMs: recovery.toLastSendMs,
      failures,
    };
  } finally {
    await stopBackend();
    for (const db of databases) await db.drop();
  }
}

async function main() {
  const loadBefore = load1();
  const fleet = buildFleet({
    entities: ENTITIES,
    owners: OWNERS,
    environments: ENVIRONMENTS,
    shared: SHARED,
    usersPerGroup: USERS_PER_GROUP,
  });
  print('notify benchmark', [
    [
      'fleet',
      `${n(ENTITIES)} components × ${ENVIRONMENTS.length} environments, ${n(
        OWNERS,
      )} owner groups, ${SHARED} shared dependencies (group platform)`,
    ],
    [
      'notifier',
      `group wait ${seconds(
        GROUP_WAIT_MS,
      )}, ${PER_HOUR}/recipient/topic/hour, ${
        REAL_BACKEND
          ? `the notifications backend, ${USERS_PER_GROUP} users a group`
          : 'a recording notification service'
      }`,
    ],
    [
      'messages',
      `${BATCH} changes each, ${
        SPREAD_MS ? `spread over ${seconds(SPREAD_MS)}` : 'back to back'
      }, seed ${SEED}`,
    ],
  ]);
  const results = [];
  for (const scenario of SCENARIOS) {
    results.push(await runScenario(scenario, fleet));
  }
  process.stdout.write('\nsummary\n');
  process.stdout.write(
    '  scenario     endpoints  root causes  bound   sends  first event → last send  recovery sends (time)\n',
  );
  for (const r of results) {
    process.stdout.write(
      `  ${r.scenario.padEnd(12)} ${n(r.endpoints).padStart(9)} ${n(
        r.rootCauses,
      ).padStart(12)} ${n(r.bound).padStart(6)} ${n(r.sends).padStart(
        7,
      )} ${seconds(r.toLastSendMs).padStart(24)} ${`${n(
        r.recoverySends,
      )} (${seconds(r.recoveryMs)})`.padStart(22)}\n`,
    );
  }
  process.stdout.write(
    `  load average (1 min): ${loadBefore} at the start, ${load1()} at the end\n`,
  );
  const failures = results.flatMap(r =>
    r.failures.map(f => `${r.scenario}: ${f}`),
  );
  if (failures.length > 0) {
    process.stderr.write(`\nFAILED: ${failures.join('; ')}\n`);
    process.exit(1);
  }
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
