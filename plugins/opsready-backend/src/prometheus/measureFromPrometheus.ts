import {
  SLI_WINDOWS,
  SliMeasurement,
  SliWindow,
  SloSpec,
} from '@opsready/plugin-opsready-node';
import { PrometheusMetricsConfig } from '../config/readPrometheusConfig';
import { PrometheusQuerier } from './PrometheusClient';
import { errorRatioQuery, eventsQuery, latencyQuantileQuery } from './promql';

// When a spec names no window (latency only, say), the SRE workbook's 30 days.
const DEFAULT_WINDOW_DAYS = 30;

/**
 * The entity's SLIs from Prometheus: the error ratio over the SLO window and
 * each burn-rate window, the requests over the SLO window, and the latency
 * objective's percentile. All queries are evaluated at the same instant;
 * any one failing fails the measurement (a half-measured SLI would judge
 * the budget on some windows only).
 */
export async function measureFromPrometheus(options: {
  client: PrometheusQuerier;
  server: string;
  selector: string;
  spec: SloSpec | undefined;
  metrics: PrometheusMetricsConfig;
  now?: Date;
}): Promise<SliMeasurement> {
  const { client, server, selector, spec, metrics } = options;
  const now = options.now ?? new Date();
  const sloWindow = `${
    spec?.availability?.windowDays ??
    spec?.latency?.windowDays ??
    DEFAULT_WINDOW_DAYS
  }d`;
  const ratioQueries: Array<[SliWindow | 'slo', string]> = [
    ['slo', errorRatioQuery(metrics, selector, sloWindow)],
    ...(Object.keys(SLI_WINDOWS) as SliWindow[]).map(
      w => [w, errorRatioQuery(metrics, selector, w)] as [SliWindow, string],
    ),
  ];
  const events = eventsQuery(metrics, selector, sloWindow);
  const latency = spec?.latency
    ? latencyQuantileQuery(
        metrics,
        selector,
        `${spec.latency.windowDays}d`,
        spec.latency.percentile,
      )
    : undefined;

  const [ratios, eventCount, latencySeconds] = await Promise.all([
    Promise.all(ratioQueries.map(([, q]) => client.query(server, q, now))),
    client.query(server, events, now),
    latency ? client.query(server, latency, now) : Promise.resolve(undefined),
  ]);

  const errorRatios: SliMeasurement['errorRatios'] = {};
  ratioQueries.forEach(([window], i) => {
    const ratio = ratios[i];
    if (ratio !== undefined) {
      errorRatios[window] = ratio;
    }
  });
  return {
    source: 'prometheus',
    queries: [
      ...ratioQueries.map(([, q]) => q),
      events,
      ...(latency ? [latency] : []),
    ],
    errorRatios,
    // A query that worked and found no series: the entity served nothing.
    events: eventCount ?? 0,
    ...(latencySeconds !== undefined
      ? { latencyMs: Math.round(latencySeconds * 1000 * 1000) / 1000 }
      : {}),
    measuredAt: now.toISOString(),
  };
}
