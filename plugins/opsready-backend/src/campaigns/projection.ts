import {
  BurnUpPoint,
  CampaignFigures,
  CampaignProjection,
} from '@opsready/plugin-opsready-common';
import { DateTime } from 'luxon';

const DAY_MS = 24 * 3600_000;

/**
 * When the last entity would be done at the rate of the last `windowDays`
 * (entities done or exempted a day), and whether that is after the
 * deadline while items are left.
 */
export function projectCompletion(input: {
  burnUp: BurnUpPoint[];
  figures: CampaignFigures;
  deadline: Date;
  now: Date;
  windowDays?: number;
}): CampaignProjection {
  const { burnUp, figures, deadline, now } = input;
  const windowDays = input.windowDays ?? 14;
  const settled = (p: BurnUpPoint) => p.done + p.exempt;
  const since = DateTime.fromJSDate(now, { zone: 'utc' })
    .startOf('day')
    .minus({ days: windowDays })
    .toISODate()!;
  const latest = burnUp[burnUp.length - 1];
  const base = [...burnUp].reverse().find(p => p.day <= since) ?? burnUp[0];
  const days = base && latest ? dayCount(base.day, latest.day) : 0;
  const perDay =
    days > 0 ? Math.max(0, settled(latest) - settled(base)) / days : 0;
  const ratePerWeek = Math.round(perDay * 7 * 10) / 10;
  if (figures.open === 0) {
    return {
      projectedCompletion: now.toISOString(),
      ratePerWeek,
      atRisk: false,
    };
  }
  const projected =
    perDay > 0
      ? new Date(now.getTime() + (figures.open / perDay) * DAY_MS)
      : null;
  return {
    projectedCompletion: projected?.toISOString() ?? null,
    ratePerWeek,
    atRisk: !projected || projected > deadline,
  };
}

function dayCount(from: string, to: string): number {
  return Math.round(
    (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS,
  );
}
