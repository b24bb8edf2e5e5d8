import { durationToMilliseconds } from '@backstage/types';
import { CustomErrorBase } from '@backstage/errors';
import pLimit from 'p-limit';
import { Agent, buildConnector, Dispatcher, request } from 'undici';
import { AddressPolicy } from './addressPolicy';
import { ProbeOutcome } from './probeOutcome';
import { checkProbeTarget, guardedLookup, portOf } from './probeTarget';

/** What one endpoint must answer to count as up. */
export interface ProbeSpec {
  url: string;
  /** Inclusive status range that counts as up; default 200-399. */
  expectedStatus?: { min: number; max: number };
  /** A JSON field (dot path) and the value the body must have there. */
  expectBody?: { field: string; value: string };
}

/** The outcome of one probe. */
export interface ProbeResult {
  up: boolean;
  /** How far it got; only an answered probe's latency says how fast the endpoint is. */
  outcome: ProbeOutcome;
  latencyMs: number;
  status?: number;
  /** Why the probe counts as down, or was not sent. */
  reason?: string;
}

export interface ProberOptions {
  policy: AddressPolicy;
  /** Covers connecting, headers and body together. Default 5 s. */
  timeoutMs?: number;
  /** Bytes of body read at most. Default 64 KiB. */
  maxBodyBytes?: number;
  /** Redirects followed at most, each re-checked; default 0 (none). */
  maxRedirects?: number;
  /** Extra request headers, from config only. */
  headers?: Record<string, string>;
  /**
   * Probes in flight at once in the main lane, and per host. Defaults 2048
   * and 4.
   */
  concurrency?: number;
  perHostConcurrency?: number;
  /**
   * Probes in flight at once in the suspect lane, for endpoints that timed
   * out on their last probe. Default 1024.
   */
  suspectConcurrency?: number;
  /**
   * Attempts after a failure to connect or a dropped connection, with
   * backoff and jitter; never after a timeout. Default 1.
   */
  retries?: number;
  /** DNS resolution; tests pass their own. */
  resolve?: Parameters<typeof guardedLookup>[2];
}

/**
 * Which slots a probe takes. An endpoint that timed out last time is likely
 * to hold its slot for the whole timeout again, so such suspects take slots
 * of their own and can never starve the endpoints that answer.
 */
export type ProbeLane = 'main' | 'suspect';

const DEFAULT_TIMEOUT_MS = durationToMilliseconds({ seconds: 5 });
// A probe waiting on its timer costs a socket and a timer, next to no CPU:
// the sweep is bounded by CPU well before 2048 of them are in flight.
export const DEFAULT_CONCURRENCY = 2048;
export const DEFAULT_SUSPECT_CONCURRENCY = 1024;

/** Why a probe's timer aborted it. */
const TIMED_OUT = Object.freeze({ name: 'TimeoutError' });
const KEEP_ALIVE_MS = durationToMilliseconds({ seconds: 30 });

/**
 * A probe that was not sent, or whose answer was cut off, because the prober
 * is closing. It says nothing about the endpoint, so it must not be recorded
 * as a failure.
 */
export class ProberClosedError extends CustomErrorBase {
  name = 'ProberClosedError' as const;
}

/**
 * Probes health endpoints over keep-alive connection pools, within hard
 * limits: one slow or hanging host costs at most the timeout and holds at
 * most its per-host share of the concurrency, so it never delays the rest;
 * endpoints known to hang are probed in a lane of their own (`ProbeLane`).
 * Nothing but the configured headers is sent: no Backstage credentials, no
 * cookies.
 */
export class Prober {
  private readonly agent: Agent;
  private readonly lanes: Record<ProbeLane, pLimit.Limit>;
  private readonly laneSizes: Record<ProbeLane, number>;
  /** One object for every request: undici does not change it. */
  private readonly headers: Record<string, string>;
  private readonly perHost = new Map<string, pLimit.Limit>();
  private readonly closing = new AbortController();
  private readonly holders = new Set<Promise<unknown>>();
  private closed?: Promise<void>;

  constructor(private readonly options: ProberOptions) {
    // One connector per port, whose lookup knows the port: the policy opens
    // addresses on some ports only, and never the backend's own port.
    const connectors = new Map<number, buildConnector.connector>();
    const connect: buildConnector.connector = (connectOptions, callback) => {
      const port = portOf(connectOptions);
      let connector = connectors.get(port);
      if (!connector) {
        connector = buildConnector({
          lookup: guardedLookup(options.policy, port, options.resolve),
          timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        });
        connectors.set(port, connector);
      }
      connector(connectOptions, callback);
    };
    this.agent = new Agent({
      keepAliveTimeout: KEEP_ALIVE_MS,
      connections: options.perHostConcurrency ?? 4,
      connect,
    });
    this.headers = {
      'user-agent': 'OpsReady health prober',
      ...options.headers,
    };
    this.laneSizes = {
      main: options.concurrency ?? DEFAULT_CONCURRENCY,
      suspect: options.suspectConcurrency ?? DEFAULT_SUSPECT_CONCURRENCY,
    };
    this.lanes = {
      main: pLimit(this.laneSizes.main),
      suspect: pLimit(this.laneSizes.suspect),
    };
  }

  /** Probes a lane runs at once: what a caller feeding it needs to queue. */
  capacity(lane: ProbeLane): number {
    return this.laneSizes[lane];
  }

  /**
   * Runs `fn` with the prober held open: `close()` first aborts the signal
   * `fn` is given, then waits until `fn` has settled before it closes the
   * connections. A sweep holds the prober so that, when the backend shuts
   * down midway, it stops starting probes, records the answers already on
   * their way and returns, all before the database closes; the scheduler
   * can then release the sweep's task for another replica.
   */
  async hold<T>(fn: (closing: AbortSignal) => Promise<T>): Promise<T> {
    const running = fn(this.closing.signal);
    this.holders.add(running);
    try {
      return await running;
    } finally {
      this.holders.delete(running);
    }
  }

  /**
   * Probes one endpoint. Throws ProberClosedError, and sends nothing, once
   * `close()` has been called.
   */
  async probe(
    spec: ProbeSpec,
    { lane = 'main' }: { lane?: ProbeLane } = {},
  ): Promise<ProbeResult> {
    this.throwIfClosing();
    const target = checkProbeTarget(spec.url, this.options.policy);
    if (!target.ok) {
      return {
        up: false,
        outcome: 'refused',
        latencyMs: 0,
        reason: target.reason,
      };
    }
    const host = target.url.host;
    let hostLimit = this.perHost.get(host);
    if (!hostLimit) {
      hostLimit = pLimit(this.options.perHostConcurrency ?? 4);
      this.perHost.set(host, hostLimit);
    }
    // The host's turn first, then a slot of the lane: a probe queued behind
    // its host's connections must not hold a slot that a probe of another
    // host could use.
    const laneLimit = this.lanes[lane];
    return hostLimit(() =>
      laneLimit(() => {
        // It may have waited for its turn while the prober began to close.
        this.throwIfClosing();
        return this.attempt(spec, target.url);
      }),
    );
  }

  /**
   * Stops new probes, waits for the holders (see `hold`) and the probes in
   * flight, then closes the connections. Safe to call more than once.
   */
  close(): Promise<void> {
    if (!this.closed) {
      this.closing.abort();
      this.closed = (async () => {
        await Promise.allSettled([...this.holders]);
        await this.agent.close();
      })();
    }
    return this.closed;
  }

  private throwIfClosing() {
    if (this.closing.signal.aborted) {
      throw new ProberClosedError('The health prober is closed');
    }
  }

  private async attempt(spec: ProbeSpec, url: URL): Promise<ProbeResult> {
    const retries = this.options.retries ?? 1;
    let result = await this.once(spec, url);
    for (
      let attempt = 1;
      attempt <= retries && result.networkError;
      attempt++
    ) {
      // Exponential backoff with full jitter, small: a sweep has a deadline.
      await new Promise(r => setTimeout(r, Math.random() * 100 * 2 ** attempt));
      this.throwIfClosing();
      result = await this.once(spec, url);
    }
    const { networkError: _ignored, ...rest } = result;
    return rest;
  }

  private async once(
    spec: ProbeSpec,
    initialUrl: URL,
  ): Promise<ProbeResult & { networkError?: boolean }> {
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const started = performance.now();
    // A timer and a reason of our own rather than AbortSignal.timeout(),
    // which builds a DOMException with a stack trace for every endpoint that
    // hangs: thousands a sweep in a large fleet.
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(TIMED_OUT), timeoutMs);
    const signal = timeout.signal;
    const elapsed = () => Math.round(performance.now() - started);
    let url = initialUrl;
    try {
      for (let hop = 0; ; hop++) {
        const response = await request(url, {
          dispatcher: this.agent as Dispatcher,
          method: 'GET',
          headers: this.headers,
          signal,
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
        });
        const location = response.headers.location;
        if (
          response.statusCode >= 300 &&
          response.statusCode < 400 &&
          location
        ) {
          await response.body.dump();
          const maxRedirects = this.options.maxRedirects ?? 0;
          if (hop >= maxRedirects) {
            return this.judge(
              spec,
              response.statusCode,
              undefined,
              elapsed(),
              maxRedirects,
            );
          }
          const next = checkProbeTarget(
            new URL(String(location), url).toString(),
            this.options.policy,
          );
          if (!next.ok) {
            return {
              up: false,
              outcome: 'answered',
              latencyMs: elapsed(),
              status: response.statusCode,
              reason: `redirect refused: ${next.reason}`,
            };
          }
          url = next.url;
          continue;
        }
        const body = await this.readCapped(response.body);
        return this.judge(spec, response.statusCode, body, elapsed(), 0);
      }
    } catch (error: any) {
      const latencyMs = elapsed();
      if (
        this.closing.signal.aborted &&
        /^UND_ERR_(CLOSED|DESTROYED)$/.test(error?.code ?? '')
      ) {
        throw new ProberClosedError('The health prober is closed', error);
      }
      if (
        signal.aborted ||
        error?.name === 'AbortError' ||
        /Timeout/i.test(error?.code ?? '')
      ) {
        // Not retried: the attempt already took the whole timeout, and a
        // retry would let one hanging host cost twice that, holding a slot
        // of the concurrency all the while (10 % hanging endpoints would
        // double the sweep).
        return {
          up: false,
          outcome: 'timed-out',
          latencyMs,
          reason: `no complete answer within ${timeoutMs} ms`,
        };
      }
      if (
        error?.cause?.code === 'EOPSREADYFORBIDDEN' ||
        error?.code === 'EOPSREADYFORBIDDEN'
      ) {
        return {
          up: false,
          outcome: 'refused',
          latencyMs,
          reason: (error.cause ?? error).message,
        };
      }
      return {
        up: false,
        outcome: 'failed-to-connect',
        latencyMs,
        reason: `connection failed: ${
          error?.cause?.code ?? error?.code ?? error?.message
        }`,
        networkError: true,
      };
    } finally {
      clearTimeout(timer);
    }
  }

  private async readCapped(
    body: Dispatcher.ResponseData['body'],
  ): Promise<string | Error> {
    const max = this.options.maxBodyBytes ?? 64 * 1024;
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of body) {
      size += chunk.length;
      if (size > max) {
        body.destroy();
        return new Error(`the body is over ${max} bytes`);
      }
      chunks.push(chunk);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  private judge(
    spec: ProbeSpec,
    status: number,
    body: string | Error | undefined,
    latencyMs: number,
    redirectsAllowed: number,
  ): ProbeResult {
    const { min, max } = spec.expectedStatus ?? { min: 200, max: 399 };
    if (status >= 300 && status < 400 && body === undefined) {
      const within = status >= min && status <= max;
      return within
        ? { up: true, outcome: 'answered', latencyMs, status }
        : {
            up: false,
            outcome: 'answered',
            latencyMs,
            status,
            reason: `redirected (${status}); ${redirectsAllowed} redirects allowed`,
          };
    }
    if (status < min || status > max) {
      return {
        up: false,
        outcome: 'answered',
        latencyMs,
        status,
        reason: `status ${status}, expected ${min}-${max}`,
      };
    }
    if (body instanceof Error) {
      return {
        up: false,
        outcome: 'answered',
        latencyMs,
        status,
        reason: body.message,
      };
    }
    if (spec.expectBody) {
      const actual = valueAt(body, spec.expectBody.field);
      if (actual !== spec.expectBody.value) {
        return {
          up: false,
          outcome: 'answered',
          latencyMs,
          status,
          reason: `${spec.expectBody.field} is ${
            actual === undefined ? 'missing' : `'${actual}'`
          }, expected '${spec.expectBody.value}'`,
        };
      }
    }
    return { up: true, outcome: 'answered', latencyMs, status };
  }
}

function valueAt(body: string | undefined, path: string): string | undefined {
  try {
    let value: any = JSON.parse(body ?? '');
    for (const key of path.split('.')) {
      value = value?.[key];
    }
    return value === undefined || value === null ? undefined : String(value);
  } catch {
    return undefined;
  }
}
