import pLimit from 'p-limit';
import { PrometheusServerConfig } from '../config/readPrometheusConfig';

/**
 * A Prometheus that could not answer a query: it was not reachable, timed
 * out, answered with an HTTP error or with `status: error`. The message
 * names the server and why, never the headers sent.
 */
export class PrometheusUnavailableError extends Error {
  readonly name = 'PrometheusUnavailableError';

  constructor(readonly server: string, readonly reason: string) {
    super(`Prometheus ${server} did not answer: ${reason}`);
  }
}

/** Instant queries against the configured Prometheus servers. */
export interface PrometheusQuerier {
  /** The server an entity uses when it names none. */
  readonly defaultServer: string | undefined;
  hasServer(name: string): boolean;
  /**
   * The value of an instant query: a scalar, or a vector's single sample
   * (the queries OpsReady writes aggregate with `sum`). Undefined when
   * there is no data: an empty vector, or NaN (0/0 over a window without
   * traffic).
   */
  query(
    server: string,
    promql: string,
    time?: Date,
  ): Promise<number | undefined>;
}

/** One point of a range query's series. */
export interface RangePoint {
  at: Date;
  value: number;
}

/** Instant and range queries against the configured Prometheus servers. */
export interface PrometheusRangeQuerier extends PrometheusQuerier {
  /**
   * The points of a range query from `start` to `end`, one every
   * `stepSeconds`, of its single series (the queries OpsReady writes
   * aggregate with `sum`). Empty when there is no data; steps with NaN
   * (no traffic) are left out.
   */
  queryRange(
    server: string,
    promql: string,
    start: Date,
    end: Date,
    stepSeconds: number,
  ): Promise<RangePoint[]>;
}

interface QueryResponse {
  status?: string;
  errorType?: string;
  error?: string;
  data?: {
    resultType?: string;
    result?: unknown;
  };
}

/** A time as Prometheus' API takes it: Unix seconds. */
const seconds = (time: Date) => String(time.getTime() / 1000);

// Long answers (an HTML error page) are cut in messages.
const MAX_REASON = 200;

/**
 * Queries Prometheus through its HTTP API (`/api/v1/query` and
 * `/api/v1/query_range`), each request
 * under its server's timeout, at most `concurrency` in flight across all
 * servers so that a fleet's evaluation does not flood them.
 */
export class PrometheusClient implements PrometheusRangeQuerier {
  private readonly servers: Map<string, PrometheusServerConfig>;
  private readonly limit: ReturnType<typeof pLimit>;
  private readonly fetchImpl: typeof fetch;

  constructor(
    servers: PrometheusServerConfig[],
    options: { concurrency: number; fetch?: typeof fetch },
  ) {
    this.servers = new Map(servers.map(s => [s.name, s]));
    this.limit = pLimit(options.concurrency);
    this.fetchImpl = options.fetch ?? fetch;
  }

  get defaultServer(): string | undefined {
    return this.servers.keys().next().value;
  }

  hasServer(name: string): boolean {
    return this.servers.has(name);
  }

  query(
    serverName: string,
    promql: string,
    time?: Date,
  ): Promise<number | undefined> {
    const params = new URLSearchParams({ query: promql });
    if (time) {
      params.set('time', seconds(time));
    }
    return this.ask(serverName, 'query', params, valueOf);
  }

  queryRange(
    serverName: string,
    promql: string,
    start: Date,
    end: Date,
    stepSeconds: number,
  ): Promise<RangePoint[]> {
    if (!(stepSeconds > 0) || end.getTime() < start.getTime()) {
      return Promise.reject(
        new Error(
          `Not a range: ${start.toISOString()} to ${end.toISOString()} every ${stepSeconds} s`,
        ),
      );
    }
    const params = new URLSearchParams({
      query: promql,
      start: seconds(start),
      end: seconds(end),
      step: String(stepSeconds),
    });
    return this.ask(serverName, 'query_range', params, pointsOf);
  }

  private ask<T>(
    serverName: string,
    endpoint: 'query' | 'query_range',
    params: URLSearchParams,
    read: (server: string, data: QueryResponse['data']) => T,
  ): Promise<T> {
    const server = this.servers.get(serverName);
    if (!server) {
      return Promise.reject(
        new Error(`No Prometheus server named ${serverName} is configured`),
      );
    }
    return this.limit(async () =>
      read(server.name, await this.send(server, endpoint, params)),
    );
  }

  private async send(
    server: PrometheusServerConfig,
    endpoint: 'query' | 'query_range',
    params: URLSearchParams,
  ): Promise<QueryResponse['data']> {
    let response: Response;
    let body: string;
    try {
      response = await this.fetchImpl(
        `${server.url}/api/v1/${endpoint}?${params}`,
        {
          headers: { accept: 'application/json', ...server.headers },
          signal: AbortSignal.timeout(server.timeoutMs),
        },
      );
      body = await response.text();
    } catch (error) {
      throw new PrometheusUnavailableError(
        server.name,
        describe(error, server),
      );
    }
    let parsed: QueryResponse | undefined;
    try {
      parsed = JSON.parse(body);
    } catch {
      parsed = undefined;
    }
    if (!response.ok || parsed?.status !== 'success') {
      const detail = parsed?.error
        ? `${parsed.errorType ?? 'error'}: ${parsed.error}`
        : body.trim();
      const status = response.ok ? '' : `HTTP ${response.status}`;
      throw new PrometheusUnavailableError(
        server.name,
        cut([status, detail].filter(Boolean).join(', ') || 'no answer'),
      );
    }
    return parsed.data;
  }
}

function describe(error: unknown, server: PrometheusServerConfig): string {
  const e = error as Error & { cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') {
    return `no answer within ${server.timeoutMs} ms`;
  }
  // fetch says "fetch failed"; why is in the cause (ECONNREFUSED, …).
  const cause = e?.cause?.code ?? e?.cause?.message;
  return cut(cause ? `${e.message} (${cause})` : String(e?.message ?? e));
}

function cut(text: string): string {
  return text.length > MAX_REASON ? `${text.slice(0, MAX_REASON)}…` : text;
}

function valueOf(
  server: string,
  data: QueryResponse['data'],
): number | undefined {
  const result = data?.result;
  if (data?.resultType === 'scalar') {
    return sampleValue(server, result);
  }
  if (data?.resultType === 'vector' && Array.isArray(result)) {
    if (result.length === 0) {
      return undefined;
    }
    if (result.length > 1) {
      throw new PrometheusUnavailableError(
        server,
        `the query gave ${result.length} series where one was expected`,
      );
    }
    return sampleValue(server, (result[0] as { value?: unknown }).value);
  }
  throw new PrometheusUnavailableError(
    server,
    `unexpected result type ${String(data?.resultType)}`,
  );
}

/** A sample is `[timestamp, "value"]`; NaN and infinities are no data. */
function sampleValue(server: string, sample: unknown): number | undefined {
  if (!Array.isArray(sample) || typeof sample[1] !== 'string') {
    throw new PrometheusUnavailableError(server, 'a sample could not be read');
  }
  const value = Number(sample[1]);
  return Number.isFinite(value) ? value : undefined;
}

/** A matrix of at most one series, its NaN and infinite samples left out. */
function pointsOf(server: string, data: QueryResponse['data']): RangePoint[] {
  const result = data?.result;
  if (data?.resultType !== 'matrix' || !Array.isArray(result)) {
    throw new PrometheusUnavailableError(
      server,
      `unexpected result type ${String(data?.resultType)}`,
    );
  }
  if (result.length === 0) {
    return [];
  }
  if (result.length > 1) {
    throw new PrometheusUnavailableError(
      server,
      `the query gave ${result.length} series where one was expected`,
    );
  }
  const values = (result[0] as { values?: unknown }).values;
  if (!Array.isArray(values)) {
    throw new PrometheusUnavailableError(server, 'a series could not be read');
  }
  return values.flatMap(sample => {
    const value = sampleValue(server, sample);
    return value === undefined
      ? []
      : [{ at: new Date(Number(sample[0]) * 1000), value }];
  });
}
