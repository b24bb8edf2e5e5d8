import { LoggerService } from '@backstage/backend-plugin-api';

/** An environment of a service whose events are to be correlated again from `since` on. */
export interface CorrelationWork {
  entityRef: string;
  environment: string;
  since: Date;
}

export interface CorrelationQueueOptions {
  correlate(work: CorrelationWork): Promise<void>;
  logger: LoggerService;
  /** How long work waits for more of its kind before a round starts. */
  coalesceMs?: number;
}

/** Long enough to gather a burst of deliveries, short enough to go unnoticed. */
const DEFAULT_COALESCE_MS = 200;
/** The longest pause between rounds however long the last one took. */
const MAX_PAUSE_MS = 30_000;

const keyOf = (w: { entityRef: string; environment: string }) =>
  `${w.entityRef}\n${w.environment}`;

/**
 * Correlation off the write path. Writes add the environments they touched
 * and return; rounds then correlate each environment once for all the
 * events it received meanwhile, from the earliest of them. Under a steady
 * stream of events an environment is correlated once per round rather than
 * once per request, and a request never waits for it.
 *
 * Readers call `settled()` first, which correlates what is still waiting
 * for their entities at once: a deployment read right after it was sent
 * already carries its change failure or rollback.
 *
 * The queue is in memory: work lost with the process (a crash between a
 * write and its round) is put right by the next event of that environment,
 * as it was when correlation ran inside the request.
 */
export class CorrelationQueue {
  private readonly pending = new Map<string, CorrelationWork>();
  /** The run of each environment under way, so that runs of one environment never overlap. */
  private readonly running = new Map<string, Promise<void>>();
  private readonly coalesceMs: number;
  private timer?: ReturnType<typeof setTimeout>;
  private round?: Promise<void>;
  private lastRoundMs = 0;
  /** After stop(): no more rounds; work added is correlated at once. */
  private stopped = false;

  constructor(private readonly options: CorrelationQueueOptions) {
    this.coalesceMs = options.coalesceMs ?? DEFAULT_COALESCE_MS;
  }

  add(work: CorrelationWork[]): void {
    for (const w of work) {
      const key = keyOf(w);
      const known = this.pending.get(key);
      if (!known || w.since < known.since) this.pending.set(key, w);
    }
    if (this.stopped) {
      // Shutting down: no round is coming to take it.
      void this.settled(work.map(w => w.entityRef));
      return;
    }
    this.scheduleRound();
  }

  /**
   * Resolves when what was added so far for these entities (for every
   * entity without them) has been correlated.
   */
  async settled(entityRefs?: string[]): Promise<void> {
    const wanted = entityRefs && new Set(entityRefs);
    const concerns = (key: string) =>
      !wanted || wanted.has(key.slice(0, key.indexOf('\n')));
    const runs: Promise<void>[] = [];
    for (const [key, run] of this.running) {
      if (concerns(key)) runs.push(run);
    }
    for (const [key, work] of [...this.pending]) {
      if (!concerns(key)) continue;
      this.pending.delete(key);
      runs.push(this.run(key, work));
    }
    await Promise.all(runs);
  }

  /** Correlates what is waiting; afterwards work is still taken, and correlated at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.round;
    await this.settled();
  }

  /**
   * The next round starts after a pause as long as the last round took
   * (at least coalesceMs, at most MAX_PAUSE_MS): under a flood of events
   * correlation takes at most about half of the time, the writes the rest,
   * and each round gathers more events per environment.
   */
  private scheduleRound() {
    if (this.stopped || this.timer || this.round || this.pending.size === 0) {
      return;
    }
    const pause = Math.max(
      this.coalesceMs,
      Math.min(this.lastRoundMs, MAX_PAUSE_MS),
    );
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.round = this.runRound().finally(() => {
        this.round = undefined;
        this.scheduleRound();
      });
    }, pause);
    // Waiting work does not keep a process alive that is otherwise done.
    this.timer.unref?.();
  }

  /**
   * One round: the environments waiting when it starts, one after the
   * other, each with what it gathered until its turn; environments first
   * touched meanwhile wait for the next round. An environment stays in
   * `pending` until its turn, so that a reader can take it first.
   */
  private async runRound() {
    const keys = [...this.pending.keys()];
    const start = Date.now();
    for (const key of keys) {
      const work = this.pending.get(key);
      if (!work) continue;
      this.pending.delete(key);
      await this.run(key, work);
    }
    this.lastRoundMs = Date.now() - start;
    this.options.logger.debug(
      `Correlated ${keys.length} environments in ${this.lastRoundMs} ms`,
    );
  }

  /** Runs one environment's correlation after any run of it under way; never rejects. */
  private run(key: string, work: CorrelationWork): Promise<void> {
    const before = this.running.get(key);
    const run = (async () => {
      await before;
      try {
        await this.options.correlate(work);
      } catch (error) {
        // Derived data: the events are stored, and the next event of this
        // environment correlates it again.
        this.options.logger.warn(
          `Could not correlate the events of ${work.entityRef} in ${work.environment}: ${error}`,
        );
      }
    })();
    this.running.set(key, run);
    return run.finally(() => {
      if (this.running.get(key) === run) this.running.delete(key);
    });
  }
}
