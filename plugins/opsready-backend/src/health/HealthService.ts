import { HealthStore, Rollup, StoredTransition } from '../database/HealthStore';
import {
  MaintenanceOccurrence,
  MaintenanceService,
} from '../maintenance/MaintenanceService';
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
  /**
   * Share of successful probes outside maintenance, 0 to 1; null without
   * such probes.
   */
  uptime: number | null;
  /**
   * Probes in rollups (hours, or days once folded) that overlap a
   * maintenance window of the endpoint's environment: left out of uptime.
   */
  maintenanceProbes: number;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
}

const bucketEnd = (rollup: Rollup) =>
  rollup.bucketStart.getTime() + (rollup.bucket === 'day' ? DAY : HOUR);

/** Whether a maintenance span of the rollup's environment overlaps it. */
function inMaintenance(rollup: Rollup, spans: MaintenanceOccurrence[]) {
  const start = rollup.bucketStart.getTime();
  const end = bucketEnd(rollup);
  return spans.some(
    span =>
      (!span.environment || span.environment === rollup.environment) &&
      span.start.getTime() < end &&
      span.end.getTime() > start,
  );
}

function figures(
  rollups: Rollup[],
  maintenance: MaintenanceOccurrence[] = [],
): WindowFigures {
  const probes = rollups.reduce((n, r) => n + r.probes, 0);
  // Rollups are an hour (or, folded, a day) long: one that overlaps
  // maintenance leaves uptime whole, even where the window was shorter.
  const counted = rollups.filter(r => !inMaintenance(r, maintenance));
  const countedProbes = counted.reduce((n, r) => n + r.probes, 0);
  const failures = counted.reduce((n, r) => n + r.failures, 0);
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
    uptime: countedProbes ? (countedProbes - failures) / countedProbes : null,
    maintenanceProbes: probes - countedProbes,
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
    r => r.environment === environment && bucketEnd(r) > from,
  );
}

/**
 * Health figures as the API and the checks present them. With maintenance
 * windows, the time an entity (or its system) was in maintenance is left out
 * of its uptime.
 */
export class HealthService {
  constructor(
    private readonly store: HealthStore,
    private readonly maintenance?: Pick<
      MaintenanceService,
      'occurrencesBetween'
    >,
  ) {}

  async entityHealth(entityRef: string, now = new Date()) {
    const endpoints = await this.store.getEndpoints(entityRef);
    const month = { from: new Date(now.getTime() - 30 * DAY), to: now };
    const [rollups, transitions, maintenance] = await Promise.all([
      this.store.getRollups(entityRef, month),
      this.store.getTransitions(entityRef, month),
      this.maintenanceIn(entityRef, month),
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
          '24h': figures(
            within(rollups, endpoint.environment, t - DAY),
            maintenance,
          ),
          '7d': figures(
            within(rollups, endpoint.environment, t - 7 * DAY),
            maintenance,
          ),
          '30d': figures(
            within(rollups, endpoint.environment, t - 30 * DAY),
            maintenance,
          ),
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

  /**
   * The series for charts, one point per bucket and environment, and the
   * maintenance in the range for them to shade.
   */
  async history(
    entityRef: string,
    range: { from: Date; to: Date },
    bucket: 'hour' | 'day',
  ) {
    const [rollups, maintenance] = await Promise.all([
      this.store.getRollups(entityRef, range),
      this.maintenanceIn(entityRef, range),
    ]);
    const groups = new Map<string, Rollup[]>();
    for (const rollup of rollups) {
      const start = bucketStartOf(rollup.bucketStart, bucket).getTime();
      const key = `${rollup.environment}\n${start}`;
      groups.set(key, [...(groups.get(key) ?? []), rollup]);
    }
    const items = [...groups.entries()]
      .map(([key, group]) => {
        const [environment, start] = key.split('\n');
        return {
          environment,
          bucketStart: new Date(Number(start)).toISOString(),
          ...figures(group, maintenance),
        };
      })
      .sort((a, b) =>
        a.bucketStart === b.bucketStart
          ? a.environment.localeCompare(b.environment)
          : a.bucketStart.localeCompare(b.bucketStart),
      );
    return {
      items,
      maintenance: maintenance.map(span => ({
        windowId: span.windowId,
        start: span.start.toISOString(),
        end: span.end.toISOString(),
        reason: span.reason,
        ...(span.environment ? { environment: span.environment } : {}),
      })),
    };
  }

  private async maintenanceIn(
    entityRef: string,
    range: { from: Date; to: Date },
  ): Promise<MaintenanceOccurrence[]> {
    return this.maintenance
      ? this.maintenance.occurrencesBetween(entityRef, range)
      : [];
  }
}
