/*
 * The demo's metrics before it started, as OpenMetrics text for `promtool
 * tsdb create-blocks-from openmetrics`: what the demo services' traffic
 * would have produced over the last hours, the same series (labels
 * included) as the live scrapes, so that an SLO's windows, the burn-rate
 * chart and "the hour before the deployment" have data from the first
 * minute.
 */
import {
  shareWithin,
  TrafficBehaviour,
  trafficShape,
} from '../traffic/behaviours';
import { ScrapeTarget, targetLabels } from './config';

/** prom-client's default histogram buckets, as the template's metrics use. */
export const HISTOGRAM_BUCKETS = [
  0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];

export interface BackfilledService {
  target: ScrapeTarget;
  traffic: TrafficBehaviour;
  /** When its last production deployment finished (ms). */
  deployedAt?: number;
}

export interface BackfillOptions {
  /** The first and last sample times (ms). */
  from: number;
  to: number;
  stepMs: number;
  /** Requests a second to `/` of each service. */
  ratePerSecond: number;
}

type Series = {
  name: string;
  labels: Record<string, string>;
  values: number[];
};

function labelText(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)
    .join(',');
}

/** The series of one service, one value per step. */
function serviceSeries(
  service: BackfilledService,
  times: number[],
  options: BackfillOptions,
): Series[] {
  const perStep = (options.ratePerSecond * options.stepMs) / 1000;
  const shapes = times.map(t =>
    trafficShape(
      service.traffic,
      service.deployedAt === undefined ? undefined : t - service.deployedAt,
    ),
  );
  const codes = shapes.some(s => s.errorRatio > 0) ? ['200', '500'] : ['200'];
  const series: Series[] = [];
  for (const code of codes) {
    const labels = {
      ...targetLabels(service.target),
      method: 'GET',
      route: '/',
      code,
    };
    const count: number[] = [];
    const sum: number[] = [];
    const buckets = HISTOGRAM_BUCKETS.map(() => [] as number[]);
    let total = 0;
    let seconds = 0;
    const within = HISTOGRAM_BUCKETS.map(() => 0);
    for (const shape of shapes) {
      const share = code === '500' ? shape.errorRatio : 1 - shape.errorRatio;
      const requests = perStep * share;
      total += requests;
      seconds += (requests * (shape.minDelayMs + shape.maxDelayMs)) / 2000;
      HISTOGRAM_BUCKETS.forEach((le, i) => {
        within[i] += requests * shareWithin(shape, le);
        buckets[i].push(within[i]);
      });
      count.push(total);
      sum.push(seconds);
    }
    series.push({ name: 'http_requests_total', labels, values: count });
    HISTOGRAM_BUCKETS.forEach((le, i) =>
      series.push({
        name: 'http_request_duration_seconds_bucket',
        labels: { ...labels, le: String(le) },
        values: buckets[i],
      }),
    );
    series.push(
      {
        name: 'http_request_duration_seconds_bucket',
        labels: { ...labels, le: '+Inf' },
        values: count,
      },
      { name: 'http_request_duration_seconds_sum', labels, values: sum },
      { name: 'http_request_duration_seconds_count', labels, values: count },
    );
  }
  return series;
}

/**
 * OpenMetrics text of the services' traffic from `from` to `to`: counters
 * from 0, every series' samples in time order, grouped by metric name as
 * OpenMetrics wants, ending in `# EOF`.
 */
export function backfillText(
  services: BackfilledService[],
  options: BackfillOptions,
): string {
  if (!(options.stepMs > 0) || options.to <= options.from) {
    throw new Error('A backfill needs a positive step and from before to');
  }
  const times: number[] = [];
  for (let t = options.from; t <= options.to; t += options.stepMs) {
    times.push(t);
  }
  const byName = new Map<string, Series[]>();
  for (const service of services) {
    for (const s of serviceSeries(service, times, options)) {
      byName.set(s.name, [...(byName.get(s.name) ?? []), s]);
    }
  }
  const lines: string[] = [];
  for (const [name, group] of byName) {
    for (const s of group) {
      const head = `${name}{${labelText(s.labels)}}`;
      s.values.forEach((value, i) => {
        lines.push(
          `${head} ${Number(value.toFixed(3))} ${(times[i] / 1000).toFixed(3)}`,
        );
      });
    }
  }
  lines.push('# EOF', '');
  return lines.join('\n');
}
