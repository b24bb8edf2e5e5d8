import { DateTime } from 'luxon';

// What a datetime-local field holds: local time to the minute.
const LOCAL_MINUTE = "yyyy-LL-dd'T'HH:mm";

/** A moment as a datetime-local field shows it, in the user's time zone. */
export const toDateTimeField = (time: DateTime) => time.toFormat(LOCAL_MINUTE);

/** A datetime-local field's value as an ISO 8601 instant (UTC). */
export const fromDateTimeField = (value: string) =>
  DateTime.fromISO(value).toUTC().toISO() ?? value;
