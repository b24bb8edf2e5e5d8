import { EndpointState, Transition } from '../health/endpointState';
import { LatencyHistogram, mergeHistograms } from '../health/latencyHistogram';
import { UnansweredCounts, addUnanswered } from '../health/probeOutcome';
import { DbBoolean, DbNumber, DbTime, iso, toDate } from './dbValues';
import {
  ProbeRecord,
  Rollup,
  StoredEndpoint,
  StoredTransition,
} from './HealthStore';

/** A row of `opsready_health_endpoints`. */
export interface EndpointRow {
  entity_ref: string;
  environment: string;
  url: string;
  status: EndpointState['status'];
  consecutive_successes: DbNumber;
  consecutive_failures: DbNumber;
  /** JSON array of times. */
  recent_transitions: string;
  flapping: DbBoolean;
  since: DbTime | null;
  last_probe_at: DbTime | null;
  last_latency_ms: DbNumber | null;
  last_status_code: DbNumber | null;
  last_reason: string | null;
}

/** A row of `opsready_health_transitions`. */
export interface TransitionRow {
  /** A bigint: PostgreSQL hands it back as text. */
  id: DbNumber;
  entity_ref: string;
  environment: string;
  from_status: Transition['from'];
  to_status: Transition['to'];
  at: DbTime;
  reason: string | null;
}

/** A row of `opsready_health_rollups`. */
export interface RollupRow {
  entity_ref: string;
  environment: string;
  bucket: Rollup['bucket'];
  bucket_start: DbTime;
  probes: DbNumber;
  failures: DbNumber;
  /** JSON counts per latency bucket, of the answered probes. */
  latency_histogram: string;
  /** Probes without an answer, by why (0 in rows stored before they were counted). */
  refused: DbNumber;
  failed_to_connect: DbNumber;
  timed_out: DbNumber;
}

export function endpointRow({
  entityRef,
  environment,
  url,
  state,
  probe,
}: ProbeRecord): EndpointRow {
  return {
    entity_ref: entityRef,
    environment,
    url,
    status: state.status,
    consecutive_successes: state.consecutiveSuccesses,
    consecutive_failures: state.consecutiveFailures,
    recent_transitions: JSON.stringify(state.recentTransitions),
    flapping: state.flapping,
    since: state.since ? new Date(state.since) : null,
    last_probe_at: probe.at,
    last_latency_ms: Math.round(probe.latencyMs),
    last_status_code: probe.statusCode ?? null,
    last_reason: probe.up ? null : probe.reason ?? null,
  };
}

export function transitionRow({
  entityRef,
  environment,
  transition,
}: ProbeRecord): Omit<TransitionRow, 'id'>[] {
  return transition
    ? [
        {
          entity_ref: entityRef,
          environment,
          from_status: transition.from,
          to_status: transition.to,
          at: new Date(transition.at),
          reason: transition.reason ?? null,
        },
      ]
    : [];
}

export function toEndpoint(row: EndpointRow): StoredEndpoint {
  const state: EndpointState = {
    status: row.status,
    consecutiveSuccesses: Number(row.consecutive_successes),
    consecutiveFailures: Number(row.consecutive_failures),
    recentTransitions: JSON.parse(row.recent_transitions),
    flapping: Boolean(row.flapping),
    ...(row.since ? { since: iso(row.since) } : {}),
  };
  return {
    entityRef: row.entity_ref,
    environment: row.environment,
    url: row.url,
    state,
    ...(row.last_probe_at
      ? {
          lastProbe: {
            at: iso(row.last_probe_at),
            latencyMs: Number(row.last_latency_ms),
            ...(row.last_status_code !== null
              ? { statusCode: Number(row.last_status_code) }
              : {}),
            ...(row.last_reason ? { reason: row.last_reason } : {}),
          },
        }
      : {}),
  };
}

export function toTransition(row: TransitionRow): StoredTransition {
  return {
    environment: row.environment,
    from: row.from_status,
    to: row.to_status,
    at: iso(row.at),
    ...(row.reason ? { reason: row.reason } : {}),
  };
}

export function toRollup(row: RollupRow): Rollup {
  return {
    environment: row.environment,
    bucket: row.bucket,
    bucketStart: toDate(row.bucket_start),
    probes: Number(row.probes),
    failures: Number(row.failures),
    histogram: JSON.parse(row.latency_histogram),
    unanswered: unansweredOf(row),
  };
}

function unansweredOf(
  row: Pick<RollupRow, 'refused' | 'failed_to_connect' | 'timed_out'>,
): UnansweredCounts {
  return {
    refused: Number(row.refused ?? 0),
    failedToConnect: Number(row.failed_to_connect ?? 0),
    timedOut: Number(row.timed_out ?? 0),
  };
}

/**
 * The counts of a stored rollup (none yet when undefined) with more probes
 * added: what an hour gains from a batch, or a day from a folded hour.
 */
export function addToRollup(
  stored: RollupRow | undefined,
  added: {
    probes: number;
    failures: number;
    histogram: LatencyHistogram;
    unanswered: UnansweredCounts;
  },
): Pick<
  RollupRow,
  | 'probes'
  | 'failures'
  | 'latency_histogram'
  | 'refused'
  | 'failed_to_connect'
  | 'timed_out'
> {
  const unanswered = stored
    ? addUnanswered(unansweredOf(stored), added.unanswered)
    : added.unanswered;
  return {
    probes: (stored ? Number(stored.probes) : 0) + added.probes,
    failures: (stored ? Number(stored.failures) : 0) + added.failures,
    latency_histogram: JSON.stringify(
      stored
        ? mergeHistograms(JSON.parse(stored.latency_histogram), added.histogram)
        : added.histogram,
    ),
    refused: unanswered.refused,
    failed_to_connect: unanswered.failedToConnect,
    timed_out: unanswered.timedOut,
  };
}
