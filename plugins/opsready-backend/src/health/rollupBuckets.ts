import { durationToMilliseconds } from '@backstage/types';

/** The spans health rollups are kept in, in milliseconds. */
export const BUCKET_MS = {
  hour: durationToMilliseconds({ hours: 1 }),
  day: durationToMilliseconds({ days: 1 }),
} as const;

/** The start of the hour or day (UTC) that `at` falls in. */
export function bucketStartOf(at: Date, bucket: keyof typeof BUCKET_MS): Date {
  const size = BUCKET_MS[bucket];
  return new Date(Math.floor(at.getTime() / size) * size);
}
