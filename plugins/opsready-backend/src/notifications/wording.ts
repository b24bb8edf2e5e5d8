/*
 * How notifications put times and lists into words.
 */

/** Names listed in a notification before "and N more". */
const LISTED = 5;

/**
 * `10:02 UTC`, or `Dec 6 10:02 UTC` when it was not on the day of the news
 * (`now`: when what is told happened, so the text does not depend on when
 * it is worked out).
 */
export function clockTime(at: string | Date, now: string | Date): string {
  const reference = new Date(now);
  const date = new Date(at);
  const hhmm = date.toISOString().slice(11, 16);
  const sameDay =
    date.toISOString().slice(0, 10) === reference.toISOString().slice(0, 10);
  return sameDay
    ? `${hhmm} UTC`
    : `${date.toLocaleString('en-US', {
        month: 'short',
        day: 'numeric',
        timeZone: 'UTC',
      })} ${hhmm} UTC`;
}

/** `a, b, c`, or the first five `and N more`. */
export function listNames(names: string[]): string {
  if (names.length <= LISTED) return names.join(', ');
  return `${names.slice(0, LISTED).join(', ')} and ${
    names.length - LISTED
  } more`;
}
