import { durationToMilliseconds } from '@backstage/types';
import {
  AuthService,
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  declaredHealthEndpoints,
  normalizeEntityRef,
} from '@opsready/plugin-opsready-common';
import { metrics } from '@opentelemetry/api';
import { createHash } from 'node:crypto';
import { HealthStore } from '../database/HealthStore';
import { componentsWithAnnotations } from '../lib/componentsWithAnnotations';
import {
  EndpointState,
  initialEndpointState,
  nextEndpointState,
  StateRules,
} from './endpointState';
import { ProbeLane, Prober, ProberClosedError } from './Prober';
import {
  HealthTransitionListener,
  HealthTransitionsListener,
} from './healthTransition';
import { ProbeWriter } from './ProbeWriter';

export interface HealthSweepOptions {
  catalog: CatalogService;
  auth: AuthService;
  store: HealthStore;
  prober: Prober;
  scheduler: SchedulerService;
  logger: LoggerService;
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** How many tasks share the endpoints; each runs once across replicas. */
  shards: number;
  rules: StateRules;
  /** A sweep stops starting probes after this long. */
  deadlineMs: number;
  retentionDays: number;
  onTransition?: HealthTransitionListener;
  onTransitions?: HealthTransitionsListener;
  /** Probes stored per transaction. Default 500. */
  writeBatchSize?: number;
  /**
   * Probes stored per transaction at most when probes come faster than
   * batches are stored. Default 4 times `writeBatchSize`.
   */
  maxWriteBatchSize?: number;
}

/** A probe's answer waits at most this long, in ms, to be stored. */
const WRITE_DELAY_MS = durationToMilliseconds({ seconds: 1 });
/** Write transactions of a sweep under way at once. */
const WRITE_CONCURRENCY = 2;

/** Which shard probes an endpoint: stable, and spread evenly. */
export function shardOf(
  entityRef: string,
  environment: string,
  shards: number,
): number {
  const digest = createHash('sha1')
    .update(`${entityRef}\n${environment}`)
    .digest();
  return digest.readUInt32BE(0) % shards;
}

/**
 * Calls `fn` on each item, `workers` calls at a time, in the items' order;
 * `fn` must not throw. Workers take the next item as they finish, rather
 * than a promise per item queued up front: at 100,000 endpoints those
 * queued promises lived through the whole sweep and cost more garbage
 * collection than the probes.
 */
async function feed<T>(
  items: ReadonlyArray<T>,
  workers: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      await fn(items[next++]);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(workers, items.length) }, worker),
  );
}

const meter = metrics.getMeter('opsready');
const probeCounter = meter.createCounter('opsready.health.probes', {
  description: 'Health probes sent',
});
const failureCounter = meter.createCounter('opsready.health.probe_failures', {
  description: 'Health probes that found the endpoint down',
});
const latencyHistogram = meter.createHistogram(
  'opsready.health.probe_latency',
  {
    description: 'Latency of health probes',
    unit: 'ms',
  },
);
const sweepHistogram = meter.createHistogram('opsready.health.sweep_duration', {
  description: 'Duration of one shard of the health sweep',
  unit: 'ms',
});

/**
 * Probes every declared health endpoint on a schedule. The endpoints are
 * split into shards, each a global scheduled task, so several backend
 * replicas share the probing and each endpoint is probed once per interval.
 * A daily task folds old rollups and applies retention.
 */
export class HealthSweep {
  /**
   * Per shard, the endpoints (by key) whose last probe timed out. Kept in
   * memory only: a shard that moves to another replica, or a restart, starts
   * with none known, and its first sweep finds them again.
   */
  private readonly suspects = new Map<number, Set<string>>();

  constructor(private readonly options: HealthSweepOptions) {}

  async start(): Promise<void> {
    const { scheduler, schedule, shards } = this.options;
    for (let shard = 0; shard < shards; shard++) {
      await scheduler.scheduleTask({
        id: `opsready-health-shard-${shard + 1}-of-${shards}`,
        ...schedule,
        // After the configured schedule, which may name a scope: each shard
        // runs once per period across replicas, never once per replica.
        scope: 'global',
        // The scheduler aborts the signal at the task's timeout and when
        // the backend shuts down; the sweep then stops starting probes.
        fn: async signal => {
          await this.runShard(shard, undefined, signal);
        },
      });
    }
    await scheduler.scheduleTask({
      id: 'opsready-health-retention',
      scope: 'global',
      frequency: { hours: 1 },
      timeout: { minutes: 30 },
      initialDelay: { minutes: 1 },
      fn: async () => {
        await this.retain();
      },
    });
  }

  /**
   * Probes the endpoints of one shard; returns what it did. It stops
   * starting probes at the deadline, when `signal` aborts, and when the
   * prober closes (the backend shutting down), but still records the answers
   * already on their way: an endpoint it did not get to keeps its state and
   * waits for the next sweep, and no probe that was never answered counts as
   * a failure.
   */
  async runShard(
    shard: number,
    now: () => Date = () => new Date(),
    signal?: AbortSignal,
  ) {
    return this.options.prober.hold(closing =>
      this.sweep(
        shard,
        now,
        signal ? AbortSignal.any([signal, closing]) : closing,
      ),
    );
  }

  private async sweep(shard: number, now: () => Date, stop: AbortSignal) {
    const { prober, store, rules, shards, deadlineMs, logger } = this.options;
    const started = Date.now();
    const endpoints = stop.aborted
      ? []
      : (await this.declaredEndpoints()).filter(
          e => shardOf(e.entityRef, e.environment, shards) === shard,
        );
    // The shard's states, read once: only this shard's task writes them,
    // and one run at a time, so they stay current in memory for the sweep.
    const keyOf = (e: { entityRef: string; environment: string }) =>
      `${e.entityRef}\n${e.environment}`;
    const known = new Map<string, { url: string; state: EndpointState }>(
      endpoints.length === 0
        ? []
        : (await store.getEndpointsByKey(endpoints)).map(e => [keyOf(e), e]),
    );
    const writer = new ProbeWriter({
      store,
      batchSize: this.options.writeBatchSize ?? 500,
      maxBatchSize:
        this.options.maxWriteBatchSize ??
        4 * (this.options.writeBatchSize ?? 500),
      // Two transactions at once let the database use a second core while
      // the first waits; the sweep probes each endpoint once, so they never
      // write the same rows.
      concurrency: WRITE_CONCURRENCY,
      maxDelayMs: WRITE_DELAY_MS,
      onTransition: this.options.onTransition,
      onTransitions: this.options.onTransitions,
    });
    let probed = 0;
    let down = 0;
    let skipped = 0;
    let stopped = stop.aborted;
    let failure: { error: unknown } | undefined;
    // Endpoints that timed out last time go to the prober's suspect lane,
    // so that they cannot hold the slots the answering endpoints need; an
    // endpoint not probed this time keeps what was known of it.
    const suspectedBefore = this.suspects.get(shard) ?? new Set<string>();
    const suspected = new Set<string>();
    const probeOne = async (
      endpoint: (typeof endpoints)[number],
      lane: ProbeLane,
    ) => {
      const key = keyOf(endpoint);
      if (
        stop.aborted ||
        failure ||
        writer.failed ||
        Date.now() - started > deadlineMs
      ) {
        stopped ||= stop.aborted;
        skipped += 1;
        if (suspectedBefore.has(key)) suspected.add(key);
        return;
      }
      let result;
      try {
        result = await prober.probe(endpoint, { lane });
      } catch (error) {
        if (suspectedBefore.has(key)) suspected.add(key);
        if (error instanceof ProberClosedError) {
          stopped = true;
          skipped += 1;
          return;
        }
        // Thrown once the probes on their way are stored, not at once:
        // the sweep must not return while its workers still write.
        failure ??= { error };
        skipped += 1;
        return;
      }
      const at = now();
      probed += 1;
      probeCounter.add(1, { environment: endpoint.environment });
      if (result.outcome === 'answered') {
        latencyHistogram.record(result.latencyMs);
      }
      if (!result.up) {
        down += 1;
        failureCounter.add(1, { environment: endpoint.environment });
      }
      if (result.outcome === 'timed-out') {
        suspected.add(key);
      }
      const previous = known.get(key);
      const next = nextEndpointState(
        previous && previous.url === endpoint.url
          ? previous.state
          : initialEndpointState,
        { up: result.up, at, reason: result.reason },
        rules,
      );
      known.set(key, { url: endpoint.url, state: next.state });
      writer.add({
        entityRef: endpoint.entityRef,
        environment: endpoint.environment,
        url: endpoint.url,
        state: next.state,
        transition: next.transition,
        probe: {
          up: result.up,
          outcome: result.outcome,
          at,
          latencyMs: result.latencyMs,
          statusCode: result.status,
          reason: result.reason,
        },
      });
    };
    // Each lane fed as fast as the prober takes its probes, the two side
    // by side; the prober bounds the concurrency itself.
    const inLane = (lane: ProbeLane) =>
      endpoints.filter(
        e => suspectedBefore.has(keyOf(e)) === (lane === 'suspect'),
      );
    await Promise.all(
      (['suspect', 'main'] as const).map(lane =>
        feed(inLane(lane), prober.capacity(lane), e => probeOne(e, lane)),
      ),
    );
    this.suspects.set(shard, suspected);
    // Answers already on their way are stored before the sweep returns,
    // also when it stops early: the prober, and so the database, stays
    // open until then.
    await writer.close();
    if (failure) {
      throw failure.error;
    }
    const durationMs = Date.now() - started;
    sweepHistogram.record(durationMs, { shard: String(shard) });
    if (stopped) {
      logger.info(
        `OpsReady health shard ${
          shard + 1
        }/${shards} stopped early (timeout or shutdown); ${skipped} endpoints wait for the next sweep`,
      );
    } else if (skipped > 0) {
      logger.warn(
        `OpsReady health shard ${
          shard + 1
        }/${shards} hit its ${deadlineMs} ms deadline; ${skipped} endpoints wait for the next sweep`,
      );
    }
    logger.debug(
      `OpsReady health shard ${
        shard + 1
      }/${shards}: ${probed} probes, ${down} down, in ${durationMs} ms`,
    );
    return { probed, down, skipped, stopped, durationMs };
  }

  /** Folds hourly rollups older than 48 h, deletes past retention, drops undeclared endpoints. */
  async retain(now = new Date()) {
    const { store, retentionDays, logger } = this.options;
    const folded = await store.compactHourlyRollups(
      new Date(now.getTime() - durationToMilliseconds({ hours: 48 })),
    );
    const deleted = await store.deleteOlderThan(
      new Date(now.getTime() - durationToMilliseconds({ days: retentionDays })),
    );
    const dropped = await store.deleteEndpointsNotIn(
      await this.declaredEndpoints(),
    );
    logger.info(
      `OpsReady health retention: folded ${folded} hourly rollups, deleted ${deleted} old rows, dropped ${dropped} endpoints no longer declared`,
    );
    return { folded, deleted, dropped };
  }

  private async declaredEndpoints() {
    const { catalog, auth, logger } = this.options;
    const endpoints = [];
    for await (const entity of componentsWithAnnotations(catalog, auth)) {
      const { endpoints: declared, problems } = declaredHealthEndpoints(
        entity.metadata,
      );
      if (problems.length) {
        logger.warn(
          `${normalizeEntityRef(
            entity,
          )} declares health endpoints wrongly: ${problems.join('; ')}`,
        );
      }
      for (const endpoint of declared) {
        endpoints.push({
          entityRef: normalizeEntityRef(entity),
          ...endpoint,
        });
      }
    }
    return endpoints;
  }
}
