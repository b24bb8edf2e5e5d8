import {
  Bucket,
  DatabaseSourceBudgetsStore,
} from '../database/DatabaseSourceBudgetsStore';

/** Requests an hour one integration host may be sent. */
export interface HostBudget {
  requestsPerHour: number;
}

const HOUR_MS = 60 * 60 * 1000;
/** Attempts while waiting for tokens are at least this far apart. */
const MIN_POLL_MS = 100;
/** …and at most this far, so that a returned token is seen soon. */
const MAX_POLL_MS = 5_000;

/**
 * A token bucket holding one minute of the budget and filling with the
 * other 59 over the hour: however the requests fall, any hour holds at
 * most the budget (a full bucket plus an hour of filling), and a sweep is
 * spread over the period rather than spent in its first minute.
 */
export function bucketOf(budget: HostBudget): Bucket {
  const capacity = Math.max(1, budget.requestsPerHour / 60);
  return {
    capacity,
    ratePerMs: (budget.requestsPerHour - capacity) / HOUR_MS,
  };
}

/**
 * The request budget of each integration host that has one
 * (`opsready.sources.budgets`). Hosts without one are not limited.
 */
export class RequestBudgets {
  private readonly buckets: Map<string, Bucket>;

  constructor(
    private readonly deps: {
      store: Pick<DatabaseSourceBudgetsStore, 'take' | 'giveBack'>;
      budgets: Record<string, HostBudget>;
      now?: () => number;
      sleep?: (ms: number) => Promise<void>;
    },
  ) {
    this.buckets = new Map(
      Object.entries(deps.budgets).map(([host, b]) => [host, bucketOf(b)]),
    );
  }

  /** The budget of a host, if it has one. */
  budgetOf(host: string): HostBudget | undefined {
    return this.deps.budgets[host];
  }

  /**
   * Takes `count` requests from the host's budget, waiting for them until
   * `waitUntil` (epoch ms) at the latest. False: they did not fit in time,
   * and nothing was taken.
   */
  async take(
    host: string,
    count: number,
    waitUntil: number,
    signal?: AbortSignal,
  ): Promise<boolean> {
    const bucket = this.buckets.get(host);
    if (!bucket) {
      return true;
    }
    const now = this.deps.now ?? Date.now;
    for (;;) {
      if (signal?.aborted) return false;
      const { granted, waitMs } = await this.deps.store.take(
        host,
        count,
        bucket,
        now(),
      );
      if (granted) return true;
      if (now() + waitMs > waitUntil) return false;
      await (this.deps.sleep ?? sleep)(
        Math.min(MAX_POLL_MS, Math.max(MIN_POLL_MS, waitMs)),
      );
    }
  }

  /** Gives back requests taken but not made. */
  async giveBack(host: string, count: number): Promise<void> {
    const bucket = this.buckets.get(host);
    if (bucket && count > 0) {
      await this.deps.store.giveBack(host, count, bucket);
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}
