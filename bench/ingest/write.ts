/*
 * The write side: RATE events/s for DURATION s through the ingest API, half
 * of them redeliveries of events sent before (same source + externalId, the
 * same body), then what the database holds compared with what was sent.
 *
 * The load is open-loop: requests leave on a fixed schedule, whether or not
 * the earlier ones have been answered, as CI pipelines and webhooks do not
 * wait for each other. At most MAX_IN_FLIGHT requests are open at once; a
 * request that finds no slot leaves when one frees, late, and the latency
 * "from schedule" counts that wait (so a backend that falls behind cannot
 * hide it). Nothing is sent after DURATION s, and a request gives up after
 * REQUEST_TIMEOUT_MS: the run is bounded in events and in time.
 */
import {
  createOpsReadyApiClient,
  DeploymentInput,
  ErrorCategory,
  ServiceErrorInput,
  ErrorSeverity,
  OpsReadyResponseError,
  responseData,
} from '@opsready/plugin-opsready-common';
import { rows } from './sql';
import { ms, summarize, table } from './stats';

export interface WriteOptions {
  backend: string;
  token: string;
  /** Events per second. */
  rate: number;
  durationS: number;
  /** Events per request: 1 sends single events, more sends `{ items }`. */
  batch: number;
  maxInFlight: number;
}

type Kind = 'deployments' | 'errors';
type IngestEvent = DeploymentInput | ServiceErrorInput;

const SERVICES = 200;
const ENVIRONMENTS = ['production', 'staging', 'development'];
const SEVERITIES: ErrorSeverity[] = ['critical', 'high', 'medium', 'low'];
const CATEGORIES: ErrorCategory[] = [
  'dependency',
  'resource',
  'network',
  'configuration',
];
/** Every fifth request carries deployments, the others errors. */
const DEPLOYMENT_EVERY = 5;
const DUPLICATE_SHARE = 0.5;
/** Half of the redeliveries repeat one of the last events sent (a quick retry, often while the first is still in flight); the others any earlier one. */
const RECENT = 100;
const REQUEST_TIMEOUT_MS = 30_000;

const pad = (n: number) => String(n).padStart(3, '0');
const sleep = (msec: number) => new Promise(r => setTimeout(r, msec));

interface Outcome {
  status: number | 'timeout' | 'network';
  stored: number;
  updated: number;
  rejected: number;
}

export async function writeSide(options: WriteOptions) {
  const { backend, token, rate, durationS, batch, maxInFlight } = options;
  const planned = Math.round(rate * durationS);
  const requestsPlanned = Math.ceil(planned / batch);
  const intervalMs = (batch / rate) * 1000;
  // A source of this run's own: the counts below are this run's, even in a
  // database kept from an earlier one.
  const SOURCE = `bench-ingest-${Date.now().toString(36)}`;

  // What was sent, by kind: each new event's body, kept for redelivery.
  const pools: Record<Kind, Array<IngestEvent>> = {
    deployments: [],
    errors: [],
  };
  const versions = new Map<string, number>();
  const acknowledged: Record<Kind, Set<string>> = {
    deployments: new Set(),
    errors: new Set(),
  };
  let sent = 0;
  let duplicates = 0;
  let serial = 0;

  function newEvent(kind: Kind, at: number): IngestEvent {
    serial += 1;
    const service = `component:default/ingest-load-${pad(
      Math.floor(Math.random() * SERVICES),
    )}`;
    const environment =
      ENVIRONMENTS[Math.floor(Math.random() * ENVIRONMENTS.length)];
    if (kind === 'deployments') {
      // Versions only go up: a version gone back to would be a rollback,
      // which is correlation's business, not this benchmark's.
      const key = `${service}\n${environment}`;
      const version = (versions.get(key) ?? 0) + 1;
      versions.set(key, version);
      return {
        entityRef: service,
        environment,
        version: `1.${version}.0`,
        status: serial % 13 === 0 ? 'failed' : 'succeeded',
        startedAt: new Date(at - 240_000).toISOString(),
        finishedAt: new Date(at).toISOString(),
        commitSha: (0x10000000 + serial).toString(16),
        commitAt: new Date(at - 3600_000).toISOString(),
        actor: 'bench',
        source: SOURCE,
        externalId: `deploy-${serial}`,
      };
    }
    const code = `E${serial % 20}`;
    return {
      entityRef: service,
      environment,
      stage: 'runtime',
      code,
      severity: SEVERITIES[serial % SEVERITIES.length],
      category: CATEGORIES[serial % CATEGORIES.length],
      message: `Benchmark error ${code}: request ${serial} timed out`,
      occurredAt: new Date(at).toISOString(),
      source: SOURCE,
      externalId: `error-${serial}`,
    };
  }

  function redelivery(kind: Kind): IngestEvent | undefined {
    const pool = pools[kind];
    if (pool.length === 0) return undefined;
    const from = Math.random() < 0.5 ? Math.max(0, pool.length - RECENT) : 0;
    return pool[from + Math.floor(Math.random() * (pool.length - from))];
  }

  /** The items of one request: new events and redeliveries, half and half overall. */
  function itemsOf(kind: Kind, count: number) {
    const items: Array<IngestEvent> = [];
    const fresh: Array<IngestEvent> = [];
    const now = Date.now();
    for (let i = 0; i < count; i++) {
      // Redeliveries come from earlier requests only, so that each one is
      // a second request for the same event.
      const again =
        duplicates < Math.floor((sent + 1) * DUPLICATE_SHARE)
          ? redelivery(kind)
          : undefined;
      if (again) {
        duplicates += 1;
        items.push(again);
      } else {
        const event = newEvent(kind, now);
        fresh.push(event);
        items.push(event);
      }
      sent += 1;
    }
    pools[kind].push(...fresh);
    return items;
  }

  const outcomes: Outcome[] = [];
  const latencies: number[] = [];
  const fromSchedule: number[] = [];
  const errorSamples = new Map<string, number>();
  let inFlight = 0;
  const pending = new Set<Promise<void>>();

  const api = createOpsReadyApiClient({
    baseUrl: `${backend}/api/opsready`,
    headers: { Authorization: `Bearer ${token}` },
  });

  /** One request of single events or `{ items }`, as the run sends them. */
  function send(kind: Kind, items: IngestEvent[]) {
    const signal = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
    // Each kind's pool holds only events newEvent made for that kind.
    if (kind === 'deployments') {
      const events = items as DeploymentInput[];
      return api.POST('/deployments', {
        body: batch === 1 ? events[0] : { items: events },
        signal,
      });
    }
    const events = items as ServiceErrorInput[];
    return api.POST('/errors', {
      body: batch === 1 ? events[0] : { items: events },
      signal,
    });
  }

  async function post(kind: Kind, items: IngestEvent[]) {
    const started = performance.now();
    let outcome: Outcome;
    try {
      const sending = send(kind, items);
      const { response } = await sending;
      const answer = await responseData(sending);
      outcome = {
        status: response.status,
        stored: answer.stored,
        updated: answer.updated,
        rejected: answer.rejected.length,
      };
      for (const item of items) {
        acknowledged[kind].add(item.externalId);
      }
    } catch (error) {
      if (error instanceof OpsReadyResponseError) {
        outcome = {
          status: error.statusCode,
          stored: 0,
          updated: 0,
          rejected: 0,
        };
        const sample = `${error.statusCode} ${error.cause.message.slice(
          0,
          200,
        )}`;
        errorSamples.set(sample, (errorSamples.get(sample) ?? 0) + 1);
      } else {
        const timeout = (error as Error).name === 'TimeoutError';
        outcome = {
          status: timeout ? 'timeout' : 'network',
          stored: 0,
          updated: 0,
          rejected: 0,
        };
        const sample = String((error as Error).cause ?? error).slice(0, 200);
        errorSamples.set(sample, (errorSamples.get(sample) ?? 0) + 1);
      }
    }
    latencies.push(performance.now() - started);
    outcomes.push(outcome);
  }

  console.log(
    `==> Write side: ${rate} events/s for ${durationS} s (${planned} events), ` +
      `${batch === 1 ? 'single events' : `batches of ${batch}`}, ` +
      `${
        DUPLICATE_SHARE * 100
      }% redeliveries, at most ${maxInFlight} requests in flight`,
  );
  const start = performance.now();
  let next = 0;
  while (next < requestsPlanned) {
    const elapsed = performance.now() - start;
    if (elapsed >= durationS * 1000) break;
    const due = Math.min(requestsPlanned, Math.floor(elapsed / intervalMs) + 1);
    while (next < due && inFlight < maxInFlight) {
      const scheduledAt = next * intervalMs;
      const kind: Kind =
        next % DEPLOYMENT_EVERY === 0 ? 'deployments' : 'errors';
      const count = Math.min(batch, planned - next * batch);
      next += 1;
      inFlight += 1;
      fromSchedule.push(-1);
      const slot = fromSchedule.length - 1;
      const lateBy = performance.now() - start - scheduledAt;
      const request = post(kind, itemsOf(kind, count)).then(() => {
        inFlight -= 1;
        fromSchedule[slot] = lateBy + latencies[latencies.length - 1];
        pending.delete(request);
      });
      pending.add(request);
    }
    await sleep(1);
  }
  const sendingMs = performance.now() - start;
  await Promise.all(pending);
  const totalMs = performance.now() - start;

  // What the database holds of this run, straight from PostgreSQL.
  const storedKeys: Record<Kind, Set<string>> = {
    deployments: new Set(),
    errors: new Set(),
  };
  for (const kind of ['deployments', 'errors'] as const) {
    for (const [id] of await rows(
      `select external_id from opsready_${kind} where source = '${SOURCE}'`,
    )) {
      storedKeys[kind].add(id);
    }
  }
  const [[errorRows, sightings]] = await rows(
    `select count(*), coalesce(sum(count), 0) from opsready_errors where source = '${SOURCE}'`,
  );

  const perKind = (['deployments', 'errors'] as const).map(kind => {
    const uniqueKeys = new Set(pools[kind].map(e => e.externalId as string));
    const stored = storedKeys[kind].size;
    const missingAcknowledged = [...acknowledged[kind]].filter(
      k => !storedKeys[kind].has(k),
    ).length;
    const strangers = [...storedKeys[kind]].filter(
      k => !uniqueKeys.has(k),
    ).length;
    return {
      kind,
      unique: uniqueKeys.size,
      stored,
      missingAcknowledged,
      strangers,
    };
  });
  const unique = perKind.reduce((s, k) => s + k.unique, 0);
  const stored = perKind.reduce((s, k) => s + k.stored, 0);
  const ok = outcomes.filter(
    o => typeof o.status === 'number' && o.status < 300,
  );
  const statuses = new Map<string, number>();
  for (const o of outcomes) {
    statuses.set(String(o.status), (statuses.get(String(o.status)) ?? 0) + 1);
  }
  const latency = summarize(latencies);
  const late = summarize(fromSchedule.filter(v => v >= 0));

  console.log(
    table(
      ['figure', 'value'],
      [
        ['events planned', planned],
        ['events sent', sent],
        ['  of them redeliveries', duplicates],
        ['unique events sent', unique],
        [
          'stored (rows in PostgreSQL)',
          `${stored} (${perKind.map(k => `${k.stored} ${k.kind}`).join(', ')})`,
        ],
        ['duplicates dropped (sent - stored)', sent - stored],
        ['lost (unique - stored), target 0', unique - stored],
        [
          'acknowledged (2xx) but not stored',
          perKind.reduce((s, k) => s + k.missingAcknowledged, 0),
        ],
        [
          'rows not sent by this run',
          perKind.reduce((s, k) => s + k.strangers, 0),
        ],
        [
          'error sightings counted twice (sum(count) - rows)',
          Number(sightings) - Number(errorRows),
        ],
        [
          'stored / updated as the API answered',
          `${ok.reduce((s, o) => s + o.stored, 0)} / ${ok.reduce(
            (s, o) => s + o.updated,
            0,
          )}`,
        ],
        ['requests', `${outcomes.length} of ${requestsPlanned} planned`],
        [
          'answers',
          [...statuses].map(([status, n]) => `${status}: ${n}`).join(', '),
        ],
        [
          'achieved rate',
          `${((sent / sendingMs) * 1000).toFixed(0)} events/s sent over ${(
            sendingMs / 1000
          ).toFixed(1)} s; ${((stored / totalMs) * 1000).toFixed(
            0,
          )} new rows/s until the last answer (${(totalMs / 1000).toFixed(
            1,
          )} s)`,
        ],
        [
          'request latency p50 / p95 / p99 / max',
          `${ms(latency.p50)} / ${ms(latency.p95)} / ${ms(latency.p99)} / ${ms(
            latency.max,
          )}`,
        ],
        [
          'latency from schedule p50 / p95 / p99',
          `${ms(late.p50)} / ${ms(late.p95)} / ${ms(late.p99)}`,
        ],
      ],
    ),
  );
  if (errorSamples.size) {
    console.log('Failed requests, by answer:');
    for (const [sample, n] of errorSamples) console.log(`  ${n} x ${sample}`);
  }
  return {
    sent,
    unique,
    stored,
    lost: unique - stored,
    latency,
    requests: outcomes.length,
  };
}
