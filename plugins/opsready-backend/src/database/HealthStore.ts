import { EndpointState, Transition } from '../health/endpointState';
import { LatencyHistogram } from '../health/latencyHistogram';
import { ProbeOutcome, UnansweredCounts } from '../health/probeOutcome';

/** Which endpoint: one entity's endpoint in one environment. */
export interface EndpointKey {
  entityRef: string;
  environment: string;
}

/** An endpoint as stored: where it is, its state, and its last probe. */
export interface StoredEndpoint {
  entityRef: string;
  environment: string;
  url: string;
  state: EndpointState;
  lastProbe?: {
    at: string;
    latencyMs: number;
    statusCode?: number;
    reason?: string;
  };
}

export interface StoredTransition extends Transition {
  environment: string;
}

/** Probes of one endpoint over one hour or day. */
export interface Rollup {
  environment: string;
  bucket: 'hour' | 'day';
  bucketStart: Date;
  probes: number;
  failures: number;
  /** Latency of the answered probes only. */
  histogram: LatencyHistogram;
  /** Probes without an answer, by why; they are not in the histogram. */
  unanswered: UnansweredCounts;
}

/** One probe and what it did to the endpoint. */
export interface ProbeRecord {
  entityRef: string;
  environment: string;
  url: string;
  state: EndpointState;
  transition?: Transition;
  probe: {
    up: boolean;
    /** Only an answered probe's latency enters the rollup's histogram. */
    outcome: ProbeOutcome;
    at: Date;
    latencyMs: number;
    statusCode?: number;
    reason?: string;
  };
}

/** Where health figures are kept. */
export interface HealthStore {
  getEndpoints(entityRef: string): Promise<StoredEndpoint[]>;
  getEndpoint(
    entityRef: string,
    environment: string,
  ): Promise<StoredEndpoint | undefined>;
  /**
   * The stored endpoints among `keys`, in a few reads however many keys: a
   * sweep reads its whole shard at its start. Keys not stored are left out.
   */
  getEndpointsByKey(keys: EndpointKey[]): Promise<StoredEndpoint[]>;
  /**
   * Saves the new state, the transition if any, and counts the probe in its
   * hour: its latency if it was answered, else why it was not.
   */
  recordProbe(record: ProbeRecord): Promise<void>;
  /**
   * `recordProbe` for many probes, in one transaction of multi-row
   * statements. The records are taken in order: an endpoint recorded twice
   * keeps the later state, both probes count in their hours, and the
   * transitions are stored in that order.
   */
  recordProbes(records: ProbeRecord[]): Promise<void>;
  getTransitions(
    entityRef: string,
    range: { from: Date; to: Date },
  ): Promise<StoredTransition[]>;
  /** Hourly and daily rollups overlapping the range, oldest first. */
  getRollups(
    entityRef: string,
    range: { from: Date; to: Date },
  ): Promise<Rollup[]>;
  /**
   * Folds hourly rollups older than `before` into daily ones, in batches;
   * returns how many hourly rows it folded.
   */
  compactHourlyRollups(before: Date, batchSize?: number): Promise<number>;
  /** Deletes rollups and transitions older than `before`; returns rows deleted. */
  deleteOlderThan(before: Date, batchSize?: number): Promise<number>;
  /** Removes endpoints no longer declared, and entities no longer in the catalog. */
  deleteEndpointsNotIn(
    keep: Array<{ entityRef: string; environment: string }>,
  ): Promise<number>;
}
