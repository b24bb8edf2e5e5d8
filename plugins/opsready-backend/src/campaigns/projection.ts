import type {
  BurnUpPoint,
  CampaignFigures,
  CampaignProjection,
} from '@opsready/plugin-opsready-common';
import { DateTime } from 'luxon';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Days of burn-up a rate needs: a campaign launched this morning has done
 * nothing yet, which says nothing of its pace.
 */
export const MIN_PROJECTION_DAYS = 3;

/** The instant a burn-up point's figures are at: the end of its UTC day. */
const endOfDay = (point: BurnUpPoint): number =>
  DateTime.fromISO(point.day, { zone: 'utc' }).plus({ days: 1 }).toMillis() - 1;

/** Whole UTC days from `day` to `now`'s day. */
const daysFrom = (day: string, now: Date): number =>
  DateTime.fromJSDate(now, { zone: 'utc' })
    .startOf('day')
    .diff(DateTime.fromISO(day, { zone: 'utc' }), 'days').days;

const settled = (p: Pick<BurnUpPoint, 'done' | 'exempt'>) => p.done + p.exempt;

/**
 * The point the rate is measured from: the last on or before the day
 * `windowDays` ago, or the oldest when the burn-up does not go back so far.
 */
function referencePoint(
  burnUp: BurnUpPoint[],
  now: Date,
  windowDays: number,
): BurnUpPoint | undefined {
  const windowStart = DateTime.fromJSDate(now, { zone: 'utc' })
    .minus({ days: windowDays })
    .toISODate()!;
  let reference: BurnUpPoint | undefined;
  for (const point of burnUp) {
    if (point.day > windowStart) break;
    reference = point;
  }
  return reference ?? burnUp[0];
}

/**
 * When a campaign that is complete became so, as far as the burn-up tells:
 * the end of the first day of its last complete run (or now, if that is
 * earlier); now when the burn-up does not show it complete yet.
 */
function completedAt(burnUp: BurnUpPoint[], now: Date): Date {
  let first: BurnUpPoint | undefined;
  for (let i = burnUp.length - 1; i >= 0; i--) {
    const point = burnUp[i];
    if (point.total === 0 || settled(point) < point.total) break;
    first = point;
  }
  return first ? new Date(Math.min(endOfDay(first), now.getTime())) : now;
}

/** Rounded to one decimal, and never -0. */
const roundTenth = (value: number) => Math.round(value * 10) / 10 || 0;

/**
 * When a campaign's last entity is done (or exempt) at the rate of the last
 * `windowDays` days, and whether that is after the deadline. The rate is
 * the entities settled since the burn-up's point `windowDays` ago (or its
 * oldest), over the days since; the figures given are today's. Within
 * MIN_PROJECTION_DAYS of the start there is no projection, and a campaign
 * is at risk only once its deadline has passed. With nothing moving, or
 * moving back, there is no projection and a campaign with items left is at
 * risk.
 */
export function projectCompletion(input: {
  burnUp: BurnUpPoint[];
  figures: CampaignFigures;
  deadline: Date;
  now: Date;
  windowDays?: number;
}): CampaignProjection {
  const { burnUp, figures, deadline, now } = input;
  const reference = referencePoint(burnUp, now, input.windowDays ?? 14);
  // The figures are today's: the days between are calendar days.
  const days = reference ? daysFrom(reference.day, now) : 0;
  const rate =
    reference && days > 0 ? (settled(figures) - settled(reference)) / days : 0;
  const ratePerWeek = roundTenth(rate * 7);
  const left = figures.total - settled(figures);
  if (left <= 0) {
    return {
      projectedCompletion: completedAt(burnUp, now).toISOString(),
      ratePerWeek,
      atRisk: false,
    };
  }
  const sinceStart = burnUp.length > 0 ? daysFrom(burnUp[0].day, now) : 0;
  if (sinceStart < MIN_PROJECTION_DAYS) {
    return {
      projectedCompletion: null,
      ratePerWeek,
      atRisk: now.getTime() > deadline.getTime(),
    };
  }
  if (rate <= 0) {
    return { projectedCompletion: null, ratePerWeek, atRisk: true };
  }
  const projected = new Date(now.getTime() + (left / rate) * DAY_MS);
  return {
    projectedCompletion: projected.toISOString(),
    ratePerWeek,
    atRisk: projected.getTime() > deadline.getTime(),
  };
}
