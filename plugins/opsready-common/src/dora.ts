import { DoraBand, DoraFigures, DoraMetric } from './events';

/*
 * The four DORA keys and their bands.
 *
 * Bands follow the "Software delivery performance" table of the 2023
 * Accelerate State of DevOps Report (DORA, Google Cloud,
 * https://dora.dev/research/2023/dora-report/):
 *
 *   deployment frequency  elite: on demand (several a day)
 *                         high: between once a day and once a week
 *                         medium: between once a week and once a month
 *                         low: less often
 *   lead time for changes elite: less than a day
 *                         high: between a day and a week
 *                         medium: between a week and a month
 *                         low: more than a month
 *   change failure rate   elite 5 %, high 10 %, medium 15 %, low 64 %
 *   time to restore       elite: less than an hour
 *                         high: less than a day
 *                         medium: between a day and a week
 *                         low: more than a week
 *
 * The report gives ranges with gaps and overlaps (its low and medium
 * clusters share a range), so the figures below turn them into cut-offs:
 * each value falls into the best band whose boundary it meets. The change
 * failure rates the report gives per cluster are used as upper bounds.
 */

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;

/** Deployments per day at or above which each band starts. */
export const DEPLOYMENT_FREQUENCY_BANDS = {
  elite: 1,
  high: 1 / 7,
  medium: 1 / 30,
} as const;

/** Hours of lead time below (elite) or at most (high, medium) each band. */
export const LEAD_TIME_HOURS_BANDS = {
  elite: 24,
  high: 7 * 24,
  medium: 30 * 24,
} as const;

/** Highest change failure rate of each band. */
export const CHANGE_FAILURE_RATE_BANDS = {
  elite: 0.05,
  high: 0.1,
  medium: 0.15,
} as const;

/** Hours to restore below (elite, high) or at most (medium) each band. */
export const TIME_TO_RESTORE_HOURS_BANDS = {
  elite: 1,
  high: 24,
  medium: 7 * 24,
} as const;

/** @public */
export function deploymentFrequencyBand(perDay: number): DoraBand {
  if (perDay >= DEPLOYMENT_FREQUENCY_BANDS.elite) return 'elite';
  if (perDay >= DEPLOYMENT_FREQUENCY_BANDS.high) return 'high';
  if (perDay >= DEPLOYMENT_FREQUENCY_BANDS.medium) return 'medium';
  return 'low';
}

/** @public */
export function leadTimeBand(hours: number): DoraBand {
  if (hours < LEAD_TIME_HOURS_BANDS.elite) return 'elite';
  if (hours <= LEAD_TIME_HOURS_BANDS.high) return 'high';
  if (hours <= LEAD_TIME_HOURS_BANDS.medium) return 'medium';
  return 'low';
}

/** @public */
export function changeFailureRateBand(rate: number): DoraBand {
  if (rate <= CHANGE_FAILURE_RATE_BANDS.elite) return 'elite';
  if (rate <= CHANGE_FAILURE_RATE_BANDS.high) return 'high';
  if (rate <= CHANGE_FAILURE_RATE_BANDS.medium) return 'medium';
  return 'low';
}

/** @public */
export function timeToRestoreBand(hours: number): DoraBand {
  if (hours < TIME_TO_RESTORE_HOURS_BANDS.elite) return 'elite';
  if (hours < TIME_TO_RESTORE_HOURS_BANDS.high) return 'high';
  if (hours <= TIME_TO_RESTORE_HOURS_BANDS.medium) return 'medium';
  return 'low';
}

/** The middle value; the mean of the two middle ones for an even count. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * What the DORA maths needs of a deployment.
 *
 * @public
 */
export interface DoraDeployment {
  status: 'started' | 'succeeded' | 'failed' | 'rolled-back';
  startedAt: string;
  finishedAt?: string;
  commitAt?: string;
  changeFailure: boolean;
}

/**
 * A time the service was broken, and when it was working again.
 *
 * @public
 */
export interface DoraRestoration {
  failedAt: string;
  restoredAt: string;
}

/** The band comes from the exact value; the value is rounded for display. */
function metric(
  value: number | null,
  band: (v: number) => DoraBand,
  digits: number,
): DoraMetric {
  return value === null
    ? { value: null, band: null }
    : { value: Number(value.toFixed(digits)), band: band(value) };
}

/**
 * The DORA figures over a window.
 *
 * - Deployment frequency: deployments that reached the environment
 *   (succeeded or later rolled back) and finished in the window, per day.
 *   A deployment that failed never changed what runs, so it counts nowhere.
 * - Lead time: the median from commit to finished deployment, over those
 *   deployments whose commit time is known.
 * - Change failure rate: the share of those deployments that were change
 *   failures.
 * - Time to restore: the median of the restorations that ended in the
 *   window.
 *
 * An empty window has no figures (null, no band) rather than zeros that
 * would read as "low".
 *
 * @public
 */
export function computeDora(input: {
  from: Date;
  to: Date;
  environment: string;
  deployments: ReadonlyArray<DoraDeployment>;
  restorations: ReadonlyArray<DoraRestoration>;
}): DoraFigures {
  const { from, to } = input;
  const inWindow = (iso: string) => {
    const t = Date.parse(iso);
    return t >= from.getTime() && t <= to.getTime();
  };
  const shipped = input.deployments.filter(
    d =>
      (d.status === 'succeeded' || d.status === 'rolled-back') &&
      inWindow(d.finishedAt ?? d.startedAt),
  );
  const days = Math.max(to.getTime() - from.getTime(), HOUR_MS) / DAY_MS;

  const leadTimes = shipped.flatMap(d =>
    d.commitAt && d.finishedAt
      ? [
          Math.max(0, Date.parse(d.finishedAt) - Date.parse(d.commitAt)) /
            HOUR_MS,
        ]
      : [],
  );
  const restoreTimes = input.restorations
    .filter(r => inWindow(r.restoredAt))
    .map(
      r =>
        Math.max(0, Date.parse(r.restoredAt) - Date.parse(r.failedAt)) /
        HOUR_MS,
    );
  const failures = shipped.filter(d => d.changeFailure).length;

  return {
    from: from.toISOString(),
    to: to.toISOString(),
    environment: input.environment,
    deployments: shipped.length,
    deploymentFrequency: metric(
      shipped.length ? shipped.length / days : null,
      deploymentFrequencyBand,
      4,
    ),
    leadTimeHours: metric(median(leadTimes), leadTimeBand, 2),
    changeFailureRate: metric(
      shipped.length ? failures / shipped.length : null,
      changeFailureRateBand,
      4,
    ),
    timeToRestoreHours: metric(median(restoreTimes), timeToRestoreBand, 2),
  };
}
