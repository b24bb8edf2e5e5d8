import {
  SLI_WINDOWS,
  SliMeasurement,
  SliWindow,
  SloSpec,
} from '@opsready/plugin-opsready-node';
import { HealthStore, Rollup } from '../database/HealthStore';
import { downTimeShare } from './downTimeShare';
import {
  emptyHistogram,
  mergeHistograms,
  percentile,
} from '../health/latencyHistogram';
import { BUCKET_MS } from '../health/rollupBuckets';

const DEFAULT_WINDOW_DAYS = 30;
const DAY_S = 24 * 60 * 60;
// The environment an SLO speaks of where an entity has several.
const PRODUCTION = 'production';

/*
 * A probe the prober's own policy refused was never sent: it says nothing
 * of the service (only of OpsReady's allow-list), so it is neither an event
 * nor a bad one. An endpoint whose every probe is refused has no SLI.
 */
export const sentProbes = (r: Rollup) => r.probes - r.unanswered.refused;
export const badProbes = (r: Rollup) =>
  Math.max(r.failures - r.unanswered.refused, 0);

const bucketEnd = (r: Rollup) =>
  r.bucketStart.getTime() +
  (r.bucket === 'day' ? BUCKET_MS.day : BUCKET_MS.hour);

/**
 * The entity's SLIs from OpsReady's own probes, for entities whose series
 * Prometheus does not have: a failed probe is a bad event. The probes are
 * kept as hourly rollups (folded into days when old), so a window counts
 * the rollups that overlap it: it may reach up to one bucket further back.
 * Windows shorter than an hour (5m, 30m) are not stood in for by a whole
 * hour: they take the share of the window the endpoints spent down, from
 * their transitions (downTimeShare), so that an outage pages. The
 * production endpoints count where the entity has any, else all of them.
 * Undefined without endpoints.
 */
export async function measureFromProbes(options: {
  store: Pick<HealthStore, 'getEndpoints' | 'getRollups' | 'getTransitions'>;
  entityRef: string;
  spec: SloSpec | undefined;
  now?: Date;
}): Promise<SliMeasurement | undefined> {
  const { store, entityRef, spec } = options;
  const now = options.now ?? new Date();
  const all = await store.getEndpoints(entityRef);
  const production = all.filter(e => e.environment === PRODUCTION);
  const endpoints = production.length > 0 ? production : all;
  if (endpoints.length === 0) {
    return undefined;
  }
  const environments = new Set(endpoints.map(e => e.environment));
  const windowDays =
    spec?.availability?.windowDays ??
    spec?.latency?.windowDays ??
    DEFAULT_WINDOW_DAYS;
  const longest = Math.max(windowDays * DAY_S, ...Object.values(SLI_WINDOWS));
  const rollups = (
    await store.getRollups(entityRef, {
      from: new Date(now.getTime() - longest * 1000),
      to: now,
    })
  ).filter(r => environments.has(r.environment));

  const within = (seconds: number) => {
    const from = now.getTime() - seconds * 1000;
    return rollups.filter(r => bucketEnd(r) > from);
  };
  const errorRatios: SliMeasurement['errorRatios'] = {};
  const windows: Array<[SliWindow | 'slo', number]> = [
    ['slo', windowDays * DAY_S],
    ...(Object.entries(SLI_WINDOWS) as Array<[SliWindow, number]>),
  ];
  const transitions = await store.getTransitions(entityRef, {
    from: new Date(now.getTime() - BUCKET_MS.hour),
    to: now,
  });
  for (const [window, seconds] of windows) {
    if (seconds * 1000 < BUCKET_MS.hour) {
      const shares = endpoints
        .map(e =>
          downTimeShare(
            e,
            transitions.filter(t => t.environment === e.environment),
            { from: new Date(now.getTime() - seconds * 1000), to: now },
          ),
        )
        .filter((share): share is number => share !== undefined);
      if (shares.length > 0) {
        errorRatios[window] =
          shares.reduce((sum, share) => sum + share, 0) / shares.length;
      }
      continue;
    }
    const inWindow = within(seconds);
    const probes = inWindow.reduce((n, r) => n + sentProbes(r), 0);
    if (probes > 0) {
      errorRatios[window] =
        inWindow.reduce((n, r) => n + badProbes(r), 0) / probes;
    }
  }
  const slo = within(windowDays * DAY_S);
  const latencyMs = spec?.latency
    ? percentile(
        within(spec.latency.windowDays * DAY_S).reduce(
          (h, r) => mergeHistograms(h, r.histogram),
          emptyHistogram(),
        ),
        spec.latency.percentile / 100,
      )
    : undefined;
  return {
    source: 'probes',
    queries: endpoints.map(e => `${e.environment}: ${e.url}`),
    errorRatios,
    events: slo.reduce((n, r) => n + sentProbes(r), 0),
    ...(latencyMs !== undefined ? { latencyMs } : {}),
    measuredAt: now.toISOString(),
  };
}
