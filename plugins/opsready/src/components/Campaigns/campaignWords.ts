import { DateTime } from 'luxon';
import {
  CampaignEntityStatus,
  CampaignFigures,
  CampaignProjection,
  CampaignState,
} from '../../api/OpsReadyApi';

/** The rate over which the backend projects completion, in days. */
export const PROJECTION_WINDOW_DAYS = 14;

export const STATE_LABELS: Record<CampaignState, string> = {
  scheduled: 'Scheduled',
  active: 'Active',
  paused: 'Paused',
  ended: 'Ended',
};

export const ENTITY_STATUS_LABELS: Record<CampaignEntityStatus, string> = {
  open: 'Open',
  done: 'Done',
  exempt: 'Exempt',
};

/** Done or exempt: nothing more is asked of these entities. */
export function finished(figures: Pick<CampaignFigures, 'done' | 'exempt'>) {
  return figures.done + figures.exempt;
}

/** The share finished, 0–100; a campaign over no entity has nothing left. */
export function percentFinished(
  figures: Pick<CampaignFigures, 'total' | 'done' | 'exempt'>,
): number {
  if (figures.total === 0) return 100;
  return Math.floor((100 * finished(figures)) / figures.total);
}

/** "30 of 40 done (2 exempt)", or "30 of 40 done" when none is exempt. */
export function figuresText(
  figures: Pick<CampaignFigures, 'total' | 'done' | 'exempt'>,
): string {
  const head = `${finished(figures)} of ${figures.total} done`;
  return figures.exempt > 0 ? `${head} (${figures.exempt} exempt)` : head;
}

/** Whole calendar days from `from` to `to`, in the user's time zone. */
function calendarDays(from: DateTime, to: DateTime): number {
  return Math.round(to.startOf('day').diff(from.startOf('day'), 'days').days);
}

/** "12 Jan", with the year when it is not this year's. */
export function dayLabel(iso: string, now: DateTime = DateTime.now()) {
  const time = DateTime.fromISO(iso);
  return time.hasSame(now, 'year')
    ? time.toFormat('d LLL')
    : time.toFormat('d LLL yyyy');
}

/**
 * How far off the deadline is: "in 5 days", "tomorrow", "today",
 * "3 days late". Nothing for an ended campaign, which is late for nothing.
 */
export function deadlineDistance(
  deadline: string,
  state: CampaignState,
  now: DateTime = DateTime.now(),
): string | undefined {
  if (state === 'ended') return undefined;
  const days = calendarDays(now, DateTime.fromISO(deadline));
  if (days > 1) return `in ${days} days`;
  if (days === 1) return 'tomorrow';
  if (days === 0) return 'today';
  return days === -1 ? '1 day late' : `${-days} days late`;
}

/** "3.5", "4": a rate to one decimal, without a trailing ".0". */
function rateText(perWeek: number): string {
  return String(Math.round(perWeek * 10) / 10);
}

function daysText(days: number): string {
  return days === 1 ? '1 day' : `${days} days`;
}

/**
 * Why a campaign is (or is not) projected to finish in time: "At the rate
 * of the last 14 days (3.5 a week) the last entity is done on 12 Jan, 19
 * days after the deadline."
 */
export function projectionText(
  projection: CampaignProjection,
  deadline: string,
  open: number,
  now: DateTime = DateTime.now(),
): string {
  if (open === 0) return 'Every entity is done or exempt.';
  const rate = `At the rate of the last ${PROJECTION_WINDOW_DAYS} days`;
  const left = open === 1 ? '1 entity left is' : `${open} entities left are`;
  if (!projection.projectedCompletion && !projection.atRisk) {
    return `Too soon after the start to project: the rate shows after a few days.`;
  }
  if (!projection.projectedCompletion || projection.ratePerWeek <= 0) {
    return `Nothing was done in the last ${PROJECTION_WINDOW_DAYS} days: at that rate the ${left} never done.`;
  }
  const projected = DateTime.fromISO(projection.projectedCompletion);
  const late = calendarDays(DateTime.fromISO(deadline), projected);
  let relation = 'on the deadline';
  if (late > 0) relation = `${daysText(late)} after the deadline`;
  if (late < 0) relation = `${daysText(-late)} before the deadline`;
  return `${rate} (${rateText(
    projection.ratePerWeek,
  )} a week) the last entity is done on ${dayLabel(
    projection.projectedCompletion,
    now,
  )}, ${relation}.`;
}

/** "group:default/payments" → "payments", for tight spaces. */
export function shortRef(ref: string | null | undefined): string {
  if (!ref) return '—';
  const name = ref.split('/').pop() ?? ref;
  return name;
}
