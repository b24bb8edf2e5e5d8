import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';

/** One Prometheus server OpsReady may query. */
export interface PrometheusServerConfig {
  name: string;
  /** The server's base URL, e.g. `http://prometheus:9090`, without a trailing slash. */
  url: string;
  /** Sent with every query (authorization, tenant headers); never logged. */
  headers: Record<string, string>;
  /** One query's limit, in ms. */
  timeoutMs: number;
}

/** The metric names the SLI queries are written with. */
export interface PrometheusMetricsConfig {
  /** A counter of requests with a `code` label. */
  requests: string;
  /** A histogram of request durations in seconds (`_bucket` is appended). */
  duration: string;
  /** A regular expression matching the `code` values counted as errors. */
  errorCode: string;
}

/** The `opsready.prometheus` section of app-config, read and validated. */
export interface PrometheusConfig {
  /** The configured servers; the first is the default. Empty: none. */
  servers: PrometheusServerConfig[];
  /** Queries in flight at once, across all servers. */
  concurrency: number;
  metrics: PrometheusMetricsConfig;
  /**
   * The label that tells a service's series apart by environment, matched
   * against a deployment's environment; empty when the series carry none
   * (the entity's selector alone is used).
   */
  environmentLabel: string;
}

const KEY = 'opsready.prometheus';
const DEFAULT_TIMEOUT_MS = 10_000;
const MAX_TIMEOUT_MS = 120_000;
const DEFAULT_CONCURRENCY = 4;
const MAX_CONCURRENCY = 64;
/** The golden template's prom-client metrics (templates/node-service). */
export const DEFAULT_METRICS: PrometheusMetricsConfig = {
  requests: 'http_requests_total',
  duration: 'http_request_duration_seconds',
  errorCode: '5..',
};
// A metric name as Prometheus defines it; the names are spliced into PromQL.
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
// A label name as Prometheus defines it; spliced into PromQL as well.
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const DEFAULT_ENVIRONMENT_LABEL = 'environment';

/** Reads `opsready.prometheus`; mistakes stop start-up naming the key. */
export function readPrometheusConfig(root: Config): PrometheusConfig {
  const config = root.getOptionalConfig(KEY);
  const servers = (config?.getOptionalConfigArray('servers') ?? []).map(
    (server, index) => readServer(server, `${KEY}.servers[${index}]`),
  );
  const seen = new Set<string>();
  for (const [index, server] of servers.entries()) {
    if (seen.has(server.name)) {
      throw new Error(
        `${KEY}.servers[${index}].name '${server.name}' is used twice; names must be unique`,
      );
    }
    seen.add(server.name);
  }
  const concurrency =
    config?.getOptionalNumber('concurrency') ?? DEFAULT_CONCURRENCY;
  if (
    !Number.isInteger(concurrency) ||
    concurrency < 1 ||
    concurrency > MAX_CONCURRENCY
  ) {
    throw new Error(
      `${KEY}.concurrency must be a whole number from 1 to ${MAX_CONCURRENCY}, got ${concurrency}`,
    );
  }
  return {
    servers,
    concurrency,
    metrics: readMetrics(config),
    environmentLabel: readEnvironmentLabel(config),
  };
}

function readEnvironmentLabel(config: Config | undefined): string {
  // Read raw: getOptionalString refuses the empty string, which here means
  // "no environment label".
  const value =
    config?.getOptional('environmentLabel') ?? DEFAULT_ENVIRONMENT_LABEL;
  const label = typeof value === 'string' ? value.trim() : String(value);
  if (label !== '' && !LABEL_NAME.test(label)) {
    throw new Error(
      `${KEY}.environmentLabel must be a Prometheus label name, or empty where the series carry no environment label, got '${label}'`,
    );
  }
  return label;
}

function readServer(config: Config, key: string): PrometheusServerConfig {
  const name = config.getString('name').trim();
  if (!name) {
    throw new Error(`${key}.name must not be empty`);
  }
  const rawUrl = config.getString('url');
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new Error(`${key}.url must be an http or https URL, got '${rawUrl}'`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`${key}.url must be an http or https URL, got '${rawUrl}'`);
  }
  if (url.username || url.password) {
    // Credentials in a URL end up in logs and error messages; headers do not.
    throw new Error(
      `${key}.url must not carry credentials; put them in ${key}.headers`,
    );
  }
  const headers: Record<string, string> = {};
  const headersConfig = config.getOptionalConfig('headers');
  for (const header of headersConfig?.keys() ?? []) {
    headers[header] = headersConfig!.getString(header);
  }
  return {
    name,
    url: url.toString().replace(/\/+$/, ''),
    headers,
    timeoutMs: readTimeout(config, key),
  };
}

/** A timeout in ms (a number) or a duration ({ seconds: 5 }, 'PT5S'). */
function readTimeout(config: Config, key: string): number {
  if (!config.has('timeout')) {
    return DEFAULT_TIMEOUT_MS;
  }
  let ms: number;
  const value = config.getOptional('timeout');
  if (typeof value === 'number') {
    ms = value;
  } else {
    try {
      ms = durationToMilliseconds(
        readDurationFromConfig(config, { key: 'timeout' }),
      );
    } catch (error) {
      throw new Error(
        `${key}.timeout must be milliseconds or a duration such as { seconds: 10 } or 'PT10S': ${
          (error as Error).message
        }`,
      );
    }
  }
  if (!Number.isFinite(ms) || ms < 1 || ms > MAX_TIMEOUT_MS) {
    throw new Error(
      `${key}.timeout must be from 1 ms to ${MAX_TIMEOUT_MS} ms, got ${ms}`,
    );
  }
  return ms;
}

function readMetrics(config: Config | undefined): PrometheusMetricsConfig {
  const metrics = config?.getOptionalConfig('metrics');
  const requests =
    metrics?.getOptionalString('requests') ?? DEFAULT_METRICS.requests;
  const duration =
    metrics?.getOptionalString('duration') ?? DEFAULT_METRICS.duration;
  for (const [name, value] of [
    ['requests', requests],
    ['duration', duration],
  ]) {
    if (!METRIC_NAME.test(value)) {
      throw new Error(
        `${KEY}.metrics.${name} must be a Prometheus metric name, got '${value}'`,
      );
    }
  }
  const errorCode =
    metrics?.getOptionalString('errorCode') ?? DEFAULT_METRICS.errorCode;
  // Spliced into a double-quoted PromQL string: quotes and backslashes would
  // end it, and an invalid expression would only fail at query time.
  if (!errorCode || /["\\\n]/.test(errorCode) || !isRegExp(errorCode)) {
    throw new Error(
      `${KEY}.metrics.errorCode must be a regular expression without quotes or backslashes, got '${errorCode}'`,
    );
  }
  return { requests, duration, errorCode };
}

function isRegExp(source: string): boolean {
  try {
    // eslint-disable-next-line no-new
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}
