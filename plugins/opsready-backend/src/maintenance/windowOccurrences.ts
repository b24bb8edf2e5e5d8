import { durationToMilliseconds } from '@backstage/types';
import { CronTime } from 'cron';

/** When a window is in force: once, or again at each time its cron fires. */
export interface WindowTiming {
  startsAt: Date;
  endsAt: Date;
  /** Five fields (minute hour day-of-month month day-of-week); none for a one-off window. */
  cron?: string;
  /** The IANA time zone the cron is read in; UTC when absent. */
  timeZone?: string;
  /** No occurrence starts at or after this. */
  until?: Date;
}

/** One span a window is in force, end exclusive. */
export interface Occurrence {
  start: Date;
  end: Date;
}

/**
 * The longest a window (each occurrence of a recurring one) may last: the
 * API refuses longer ones, and the store relies on it to find the recurring
 * windows whose last occurrence may still reach a time.
 */
export const MAX_WINDOW_MS = durationToMilliseconds({ days: 31 });

/**
 * The most occurrences of one window a single question looks at: an hourly
 * window over a year is 8,784 of them. Beyond that, later ones are left out
 * rather than let one request iterate without end.
 */
export const MAX_OCCURRENCES = 10_000;

const DEFAULT_TIME_ZONE = 'UTC';

type FireTime = ReturnType<CronTime['getNextDateFrom']>;

/** A recurring window's cron, read in its time zone. */
class Recurrence {
  private readonly cron: CronTime;
  readonly timeZone: string;

  constructor(expression: string, timeZone: string | undefined) {
    this.timeZone = timeZone ?? DEFAULT_TIME_ZONE;
    this.cron = new CronTime(expression, this.timeZone);
  }

  /** The first fire time at or after `at`, if there is one within years. */
  firstAtOrAfter(at: Date): FireTime | undefined {
    // getNextDateFrom answers the first fire strictly after its argument,
    // rounded up to the second; a millisecond earlier includes `at` itself.
    return this.next(new Date(at.getTime() - 1));
  }

  /**
   * The fire time after `fire`. Five-field crons fire on whole minutes, so
   * the search starts at the next minute: the cron steps a second at a time
   * otherwise, and a request may ask for thousands of fire times.
   */
  after(fire: FireTime): FireTime | undefined {
    return this.firstAtOrAfter(new Date(fire.toMillis() + 60_000));
  }

  private next(at: Date): FireTime | undefined {
    try {
      return this.cron.getNextDateFrom(at, this.timeZone);
    } catch {
      // The cron gives up when nothing fires within eight years.
      return undefined;
    }
  }
}

const durationOf = (timing: WindowTiming) =>
  timing.endsAt.getTime() - timing.startsAt.getTime();

const occurrenceFrom = (start: number, duration: number): Occurrence => ({
  start: new Date(start),
  end: new Date(start + duration),
});

/**
 * The occurrences of a window that overlap [from, to), in time order. A
 * one-off window has one; a recurring one starts at each time its cron fires
 * (in its time zone) from `startsAt` on and before `until`, each as long as
 * `endsAt - startsAt`. Across a change of clocks the cron keeps local time:
 * `0 2 * * *` in Europe/Berlin starts at 01:00 UTC in winter and 00:00 UTC
 * in summer, and on the night the clocks skip 02:00 it starts at the jump.
 */
export function occurrencesBetween(
  timing: WindowTiming,
  range: { from: Date; to: Date },
  limit = MAX_OCCURRENCES,
): Occurrence[] {
  const duration = durationOf(timing);
  if (duration <= 0) return [];
  if (!timing.cron) {
    const overlaps = timing.startsAt < range.to && timing.endsAt > range.from;
    return overlaps ? [{ start: timing.startsAt, end: timing.endsAt }] : [];
  }
  const recurrence = new Recurrence(timing.cron, timing.timeZone);
  // An occurrence that started up to `duration` before `from` still overlaps.
  const earliest = Math.max(
    timing.startsAt.getTime(),
    range.from.getTime() - duration + 1,
  );
  const stop = Math.min(
    range.to.getTime(),
    timing.until?.getTime() ?? Number.POSITIVE_INFINITY,
  );
  const found: Occurrence[] = [];
  let fire = recurrence.firstAtOrAfter(new Date(earliest));
  while (fire && fire.toMillis() < stop && found.length < limit) {
    found.push(occurrenceFrom(fire.toMillis(), duration));
    fire = recurrence.after(fire);
  }
  return found;
}

/** The occurrence in force at `at`, if any. */
export function occurrenceAt(
  timing: WindowTiming,
  at: Date,
): Occurrence | undefined {
  const next = nextOccurrence(timing, at);
  return next && next.start <= at ? next : undefined;
}

/**
 * The occurrence in force at `at`, else the next one to start; none when
 * the window is over. A window whose occurrences would overlap is refused
 * (see recurrenceProblem); where two overlap all the same, on a night the
 * clocks change, this is the earlier, and the later one is in force once
 * it ends.
 */
export function nextOccurrence(
  timing: WindowTiming,
  at: Date,
): Occurrence | undefined {
  const duration = durationOf(timing);
  if (duration <= 0) return undefined;
  if (!timing.cron) {
    return timing.endsAt > at
      ? { start: timing.startsAt, end: timing.endsAt }
      : undefined;
  }
  const recurrence = new Recurrence(timing.cron, timing.timeZone);
  const fire = recurrence.firstAtOrAfter(
    new Date(Math.max(timing.startsAt.getTime(), at.getTime() - duration + 1)),
  );
  if (!fire || (timing.until && fire.toMillis() >= timing.until.getTime())) {
    return undefined;
  }
  return occurrenceFrom(fire.toMillis(), duration);
}

/**
 * How many fire times the overlap check looks at. It catches a window
 * longer than its cron's period; a night the clocks change, months away,
 * may still shorten one gap (an overlap there only means the earlier
 * occurrence is reported until it ends). Each fire time costs the cron
 * milliseconds, and the check runs while the caller waits.
 */
const OVERLAP_SAMPLE = 24;

/**
 * What is wrong with a recurring window's timing, in words a person can
 * act on, or undefined when nothing is. Checks the cron and its time zone
 * parse, that it fires at all, and that its first occurrences would not
 * overlap one another.
 */
export function recurrenceProblem(
  timing: WindowTiming & { cron: string },
): { field: 'cron' | 'timeZone' | 'until'; message: string } | undefined {
  if (timing.cron.trim().split(/\s+/).length !== 5) {
    return {
      field: 'cron',
      message:
        'must have five fields (minute hour day-of-month month day-of-week), e.g. 0 2 * * 6',
    };
  }
  let recurrence: Recurrence;
  try {
    recurrence = new Recurrence(timing.cron, timing.timeZone);
  } catch (error) {
    const message = (error as Error).message;
    if (/timezone/i.test(message)) {
      return { field: 'timeZone', message: 'is not a known IANA time zone' };
    }
    return {
      field: 'cron',
      message: `is not a cron expression (${message.slice(0, 80)})`,
    };
  }
  const duration = durationOf(timing);
  const stop = timing.until?.getTime() ?? Number.POSITIVE_INFINITY;
  let fire = recurrence.firstAtOrAfter(timing.startsAt);
  if (!fire || fire.toMillis() >= stop) {
    return timing.until
      ? { field: 'until', message: 'comes before the cron first fires' }
      : { field: 'cron', message: 'never fires' };
  }
  for (let i = 0; i < OVERLAP_SAMPLE; i++) {
    const next = recurrence.after(fire);
    if (!next || next.toMillis() >= stop) break;
    const gap = next.toMillis() - fire.toMillis();
    if (gap < duration) {
      return {
        field: 'cron',
        message: `fires again ${minutes(
          gap,
        )} after ${fire.toISO()}, before that occurrence ends: make the window shorter than the time between fires`,
      };
    }
    fire = next;
  }
  return undefined;
}

function minutes(ms: number): string {
  const total = Math.round(ms / 60_000);
  return total % 60 === 0 ? `${total / 60} h` : `${total} min`;
}
