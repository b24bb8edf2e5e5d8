import { RollbackEvidence } from '@opsready/plugin-opsready-common';
import { PrometheusMetricsConfig } from '../config/readPrometheusConfig';
import { PrometheusQuerier } from '../prometheus/PrometheusClient';
import {
  errorRatioBetween,
  latencyQuantileBetween,
  requestsBetween,
} from '../prometheus/promql';
import { errorRateVerdict, latencyVerdict } from './verdicts';

/** The baseline p95 is read over this long before the deployment. */
const BASELINE_MS = 3600_000;
const PERCENTILE = 95;

/** The thresholds the triggers fire at (see RollbackTriggersConfig). */
export interface TriggerThresholds {
  errorRate: number;
  latencyIncrease: number;
  minRequests: number;
}

/** Seconds to ms, to the microsecond: histogram interpolation gives long fractions. */
const toMs = (seconds: number | undefined) =>
  seconds === undefined ? undefined : Math.round(seconds * 1e6) / 1000;

/**
 * Asks Prometheus what the service's requests did since the deployment:
 * the error share and p95 over [deployedAt, now], p95 over the hour before
 * deployedAt, and how many requests there were. Every query is pinned with
 * `@`, so the stored query says which span it measured. Any query failing
 * fails the whole measurement (PrometheusUnavailableError): half the
 * evidence would read as a trigger that did not fire.
 */
export async function measureTriggers(options: {
  client: PrometheusQuerier;
  server: string;
  /** The entity's matchers, the environment's included. */
  selector: string;
  metrics: PrometheusMetricsConfig;
  version: string;
  deployedAt: Date;
  now: Date;
  thresholds: TriggerThresholds;
}): Promise<RollbackEvidence[]> {
  const { client, server, selector, metrics, deployedAt, now, thresholds } =
    options;
  const since = { from: deployedAt, to: now };
  const before = {
    from: new Date(deployedAt.getTime() - BASELINE_MS),
    to: deployedAt,
  };
  const queries = {
    ratio: errorRatioBetween(metrics, selector, since),
    requests: requestsBetween(metrics, selector, since),
    after: latencyQuantileBetween(metrics, selector, since, PERCENTILE),
    before: latencyQuantileBetween(metrics, selector, before, PERCENTILE),
  };
  const [ratio, requests, afterSeconds, beforeSeconds] = await Promise.all([
    client.query(server, queries.ratio),
    client.query(server, queries.requests),
    client.query(server, queries.after),
    client.query(server, queries.before),
  ]);
  const measured = {
    version: options.version,
    server,
    window: { from: deployedAt.toISOString(), to: now.toISOString() },
    // No series: the service served nothing.
    requests: requests ?? 0,
    minRequests: thresholds.minRequests,
  };
  const latency = latencyVerdict(measured, {
    query: queries.after,
    beforeMs: toMs(beforeSeconds),
    afterMs: toMs(afterSeconds),
    threshold: thresholds.latencyIncrease,
  });
  return [
    errorRateVerdict(measured, {
      query: queries.ratio,
      ratio,
      threshold: thresholds.errorRate,
    }),
    ...(latency ? [latency] : []),
  ];
}
