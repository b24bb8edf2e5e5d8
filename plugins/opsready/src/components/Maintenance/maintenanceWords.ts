import { ListedMaintenanceWindow } from '@opsready/plugin-opsready-common';
import { DateTime } from 'luxon';

/** A time as people read it, in their zone: "Dec 5, 2026, 10:00 AM". */
export function formatTime(iso: string): string {
  return DateTime.fromISO(iso).toLocaleString(DateTime.DATETIME_MED);
}

/** An end as the overview says it: the time alone when it is today. */
export function formatUntil(iso: string, now = DateTime.now()): string {
  const end = DateTime.fromISO(iso);
  return end.hasSame(now, 'day')
    ? end.toLocaleString(DateTime.TIME_SIMPLE)
    : end.toLocaleString(DateTime.DATETIME_MED);
}

/** When the window is in force: now until when, next from when, or over. */
export function describeWhen(window: ListedMaintenanceWindow): string {
  const next = window.nextOccurrence;
  if (!next) {
    return `Ended ${formatTime(window.endsAt)}`;
  }
  if (window.active) {
    return `In force until ${formatTime(next.end)}`;
  }
  return `${window.cron ? 'Next' : 'From'} ${formatTime(
    next.start,
  )} to ${formatTime(next.end)}`;
}

/** How a recurring window repeats, in the words of its cron; none for a one-off. */
export function describeRecurrence(
  window: ListedMaintenanceWindow,
): string | undefined {
  if (!window.cron) return undefined;
  const zone = window.timeZone ?? 'UTC';
  const until = window.until ? `, until ${formatTime(window.until)}` : '';
  return `Repeats at cron ${window.cron} (${zone})${until}`;
}
