import { HealthStore, Rollup, StoredTransition } from '../database/HealthStore';
import {
  emptyHistogram,
  mergeHistograms,
  percentile,
} from './latencyHistogram';
import { addUnanswered, noUnanswered } from './probeOutcome';
import { BUCKET_MS, bucketStartOf } from './rollupBuckets';

const { hour: HOUR, day: DAY } = BUCKET_MS;

/** Availability and latency of one endpoint over a window. */
export interface WindowFigures {
  probes: number;
  /** Probes that got an HTTP answer: the latency figures are theirs alone. */
  answered: number;
  /** Probes without an answer, by why. */
  refused: number;
  failedToConnect: number;
  timedOut: number;
  /** Share of successful probes, 0 to 1; null without probes. */
  uptime: number | null;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
}

function figures(rollups: Rollup[]): WindowFigures {
  const probes = rollups.reduce((n, r) => n + r.probes, 0);
  const failures = rollups.reduce((n, r) => n + r.failures, 0);
  const histogram = rollups.reduce(
    (h, r) => mergeHistograms(h, r.histogram),
    emptyHistogram(),
  );
  const unanswered = rollups.reduce(
    (u, r) => addUnanswered(u, r.unanswered),
    noUnanswered(),
  );
  return {
    probes,
    answered: histogram.reduce((n, count) => n + count, 0),
    ...unanswered,
    uptime: probes ? (probes - failures) / probes : null,
    p50Ms: percentile(histogram, 0.5) ?? null,
    p95Ms: percentile(histogram, 0.95) ?? null,
    p99Ms: percentile(histogram, 0.99) ?? null,
  };
}

// A day's rollup and the hours inside it never both exist for the same
// hour (hours fold into the day), so adding them counts each probe once.
function within(
  rollups: Rollup[],
  environment: string,
  from: number,
): Rollup[] {
  return rollups.filter(
    r =>
      r.environment === environment &&
      r.bucketStart.getTime() + (r.bucket === 'day' ? DAY : HOUR) > from,
  );
}

/** Health figures as the API and the checks present them. */
export class HealthService {
  constructor(private readonly store: HealthStore) {}

  async entityHealth(entityRef: string, now = new Date()) {
    const endpoints = await this.store.getEndpoints(entityRef);
    const month = { from: new Date(now.getTime() - 30 * DAY), to: now };
    const [rollups, transitions] = await Promise.all([
      this.store.getRollups(entityRef, month),
      this.store.getTransitions(entityRef, month),
    ]);
    const t = now.getTime();
    return {
      entityRef,
      endpoints: endpoints.map(endpoint => ({
        environment: endpoint.environment,
        url: endpoint.url,
        status: endpoint.state.status,
        since: endpoint.state.since ?? null,
        flapping: endpoint.state.flapping,
        lastProbe: endpoint.lastProbe ?? null,
        windows: {
          '24h': figures(within(rollups, endpoint.environment, t - DAY)),
          '7d': figures(within(rollups, endpoint.environment, t - 7 * DAY)),
          '30d': figures(within(rollups, endpoint.environment, t - 30 * DAY)),
        },
        lastTransitions: transitions
          .filter(
            (tr: StoredTransition) => tr.environment === endpoint.environment,
          )
          .slice(-10)
          .reverse(),
      })),
    };
  }

  /** The series for charts: one point per bucket and environment. */
  async history(
    entityRef: string,
    range: { from: Date; to: Date },
    bucket: 'hour' | 'day',
  ) {
    const rollups = await this.store.getRollups(entityRef, range);
    const groups = new Map<string, Rollup[]>();
    for (const rollup of rollups) {
      const start = bucketStartOf(rollup.bucketStart, bucket).getTime();
      const key = `${rollup.environment}\n${start}`;
      groups.set(key, [...(groups.get(key) ?? []), rollup]);
    }
    return [...groups.entries()]
      .map(([key, group]) => {
        const [environment, start] = key.split('\n');
        return {
          environment,
          bucketStart: new Date(Number(start)).toISOString(),
          ...figures(group),
        };
      })
      .sort((a, b) =>
        a.bucketStart === b.bucketStart
          ? a.environment.localeCompare(b.environment)
          : a.bucketStart.localeCompare(b.bucketStart),
      );
  }
}
