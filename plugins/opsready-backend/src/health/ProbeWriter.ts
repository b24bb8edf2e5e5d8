import { HealthStore, ProbeRecord } from '../database/HealthStore';
import { mapWithConcurrency } from '../lib/concurrency';
import type {
  HealthTransitionEvent,
  HealthTransitionListener,
  HealthTransitionsListener,
} from './healthTransition';

/**
 * Listener calls in flight at once. The listener writes to the same
 * database (the error timeline), whose pool has ten connections, and the
 * first sweep of a fleet tells it of every endpoint.
 */
const LISTENER_CONCURRENCY = 8;

export interface ProbeWriterOptions {
  store: HealthStore;
  /** Probes per write. */
  batchSize: number;
  /**
   * Probes per write at most when the probes gathered while the previous
   * write ran are more than `batchSize`. Default `batchSize`.
   */
  maxBatchSize?: number;
  /**
   * Batches written at once, each its own transaction. Default 1. Above 1,
   * batches may be stored out of order, so each endpoint must be in one
   * batch at most: a sweep probes each endpoint once.
   */
  concurrency?: number;
  /** A probe waits at most this long, in ms, for its batch to fill. */
  maxDelayMs: number;
  onTransition?: HealthTransitionListener;
  /** Told of each stored batch's transitions together, after `onTransition`. */
  onTransitions?: HealthTransitionsListener;
}

/**
 * Stores a sweep's probes in batches: one transaction of multi-row
 * statements per few hundred probes. One transaction per probe, over a pool
 * of ten connections, was what bounded a sweep of a large fleet, not the
 * probing. Batches are written `concurrency` at a time (one after the
 * other by default), in the order the probes were answered; a batch grows
 * while the writers are busy, and the listener hears of a batch's
 * transitions once the batch is stored, as it heard of each probe's before.
 */
export class ProbeWriter {
  private pending: ProbeRecord[] = [];
  private timer?: ReturnType<typeof setTimeout>;
  /** The writers under way, each writing batch after batch. */
  private readonly writers = new Set<Promise<void>>();
  private transitionsNotified: Promise<void> = Promise.resolve();
  private storeFailure?: { error: unknown };
  private listenerFailure?: { error: unknown };

  constructor(private readonly options: ProbeWriterOptions) {}

  /** True once a write failed; the sweep then stops starting probes. */
  get failed(): boolean {
    return this.storeFailure !== undefined;
  }

  /** Queues one probe; a full batch is written at once, others soon. */
  add(record: ProbeRecord): void {
    this.pending.push(record);
    if (this.pending.length >= this.options.batchSize) {
      this.flush();
    } else if (!this.timer && this.writers.size === 0) {
      // So that the health API does not lag a whole sweep behind while the
      // slow endpoints of its tail trickle in.
      this.timer = setTimeout(() => this.flush(), this.options.maxDelayMs);
    }
  }

  /**
   * Writes what is queued and waits for every write and listener call.
   * Throws the first failure: a failed write first (its batch and the rest
   * are not stored, so those endpoints keep their state until the next
   * sweep), else a failed listener call (the others were still made).
   */
  async close(): Promise<void> {
    while (this.writers.size > 0 || this.pending.length > 0) {
      this.flush();
      await Promise.all([...this.writers]);
    }
    await this.transitionsNotified;
    if (this.storeFailure) {
      throw this.storeFailure.error;
    }
    if (this.listenerFailure) {
      throw this.listenerFailure.error;
    }
  }

  private flush() {
    clearTimeout(this.timer);
    this.timer = undefined;
    // With every writer busy, the one that ends first takes what gathered.
    // A second writer only for a full batch: not a transaction for a few.
    while (
      this.pending.length >=
        (this.writers.size === 0 ? 1 : this.options.batchSize) &&
      this.writers.size < (this.options.concurrency ?? 1)
    ) {
      const writer: Promise<void> = this.drain().finally(() => {
        this.writers.delete(writer);
        if (this.writers.size === 0 && this.pending.length > 0 && !this.timer) {
          this.timer = setTimeout(() => this.flush(), this.options.maxDelayMs);
        }
      });
      this.writers.add(writer);
    }
  }

  /**
   * Writes batches while a full one is queued. What gathers while a batch is
   * written goes in the next one, up to `maxBatchSize`: when probes come
   * faster than single batches are stored, batches grow rather than queue,
   * and the store's cost per transaction is paid less often.
   */
  private async drain() {
    const max = this.options.maxBatchSize ?? this.options.batchSize;
    do {
      await this.write(this.pending.splice(0, max));
    } while (this.pending.length >= this.options.batchSize);
  }

  private async write(batch: ProbeRecord[]) {
    if (this.storeFailure) {
      return;
    }
    try {
      await this.options.store.recordProbes(batch);
    } catch (error) {
      this.storeFailure = { error };
      return;
    }
    const changed = batch.filter(r => r.transition);
    if (
      changed.length > 0 &&
      (this.options.onTransition || this.options.onTransitions)
    ) {
      // Chained apart from the writes, so a slow listener does not hold up
      // the next batch.
      this.transitionsNotified = this.transitionsNotified.then(() =>
        this.notifyTransitions(changed),
      );
    }
  }

  private async notifyTransitions(changed: ProbeRecord[]) {
    await this.notifyEach(changed);
    const batchListener = this.options.onTransitions;
    if (!batchListener) return;
    try {
      await batchListener(changed.map(toEvent));
    } catch (error) {
      this.listenerFailure ??= { error };
    }
  }

  private async notifyEach(changed: ProbeRecord[]) {
    const listener = this.options.onTransition;
    if (!listener) return;
    // An endpoint's transitions in their order; endpoints side by side.
    const byEndpoint = new Map<string, ProbeRecord[]>();
    for (const record of changed) {
      const key = `${record.entityRef}\n${record.environment}`;
      byEndpoint.set(key, [...(byEndpoint.get(key) ?? []), record]);
    }
    await mapWithConcurrency(
      [...byEndpoint.values()],
      LISTENER_CONCURRENCY,
      async records => {
        for (const record of records) {
          try {
            await listener(toEvent(record));
          } catch (error) {
            this.listenerFailure ??= { error };
          }
        }
      },
    );
  }
}

function toEvent(record: ProbeRecord): HealthTransitionEvent {
  return {
    entityRef: record.entityRef,
    environment: record.environment,
    url: record.url,
    transition: record.transition!,
    flapping: record.state.flapping,
  };
}
