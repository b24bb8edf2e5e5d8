/*
 * The demo's users: a few requests a second to each demo service's `/`, so
 * that Prometheus has request rates, error ratios and latencies to show.
 * Bounded: each request has a timeout, and a service that stops answering
 * gets no more than `maxInFlight` requests at once.
 */

/** Requests a second to each service; the backfill assumes the same. */
export const TRAFFIC_RATE_PER_SECOND = 3;

export interface TrafficOptions {
  ratePerSecond?: number;
  maxInFlight?: number;
  timeoutMs?: number;
}

export interface RunningTraffic {
  /** Requests answered, by URL (any status), for whoever watches. */
  answered(url: string): number;
  /** Stops sending and aborts the requests in flight. */
  stop(): void;
}

/** Sends GET requests to each URL at the given rate until stopped. */
export function startTraffic(
  urls: string[],
  options: TrafficOptions = {},
): RunningTraffic {
  const rate = options.ratePerSecond ?? TRAFFIC_RATE_PER_SECOND;
  const maxInFlight = options.maxInFlight ?? 10;
  const timeoutMs = options.timeoutMs ?? 5_000;
  if (!(rate > 0 && rate <= 100)) {
    throw new Error(
      `ratePerSecond must be above 0 and at most 100, got ${rate}`,
    );
  }
  const stopped = new AbortController();
  const inFlight = new Map<string, number>(urls.map(u => [u, 0]));
  const answered = new Map<string, number>(urls.map(u => [u, 0]));

  const send = async (url: string) => {
    if (inFlight.get(url)! >= maxInFlight) return;
    inFlight.set(url, inFlight.get(url)! + 1);
    try {
      const response = await fetch(url, {
        signal: AbortSignal.any([
          stopped.signal,
          AbortSignal.timeout(timeoutMs),
        ]),
      });
      await response.arrayBuffer();
      answered.set(url, answered.get(url)! + 1);
    } catch {
      // A refused or timed-out request is what the metrics are for.
    } finally {
      inFlight.set(url, inFlight.get(url)! - 1);
    }
  };
  const timer = setInterval(() => {
    for (const url of urls) void send(url);
  }, 1000 / rate);

  return {
    answered: url => answered.get(url) ?? 0,
    stop() {
      clearInterval(timer);
      stopped.abort();
    },
  };
}
