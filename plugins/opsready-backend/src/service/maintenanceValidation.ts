import { durationToMilliseconds } from '@backstage/types';
import { z } from 'zod/v3';
import { text } from '../events/eventInputs';
import {
  MAX_WINDOW_MS,
  recurrenceProblem,
} from '../maintenance/windowOccurrences';
import { isoDate } from './validation';

/**
 * How long ago a window may start: long enough to fill in the form, too
 * short to take an outage out of uptime after the fact.
 */
const MAX_START_IN_PAST_MS = durationToMilliseconds({ minutes: 15 });

export const MAX_REASON_LENGTH = 500;

export const maintenanceListQuery = z.object({
  include: z.enum(['past']).optional(),
});

const isValid = (date: Date | undefined): date is Date =>
  date !== undefined && !Number.isNaN(date.getTime());

/**
 * The body of a new maintenance window, as of `now`. Each problem names its
 * field: the end not after the start, a window longer than 31 days, a start
 * in the past, a cron that does not parse or whose occurrences would
 * overlap, an unknown time zone.
 */
export function maintenanceWindowBody(now: () => Date = () => new Date()) {
  return z
    .object({
      startsAt: isoDate,
      endsAt: isoDate,
      reason: z
        .string({ required_error: 'is required: say why, for the next reader' })
        .trim()
        .min(3, 'must say why, in at least 3 characters')
        .max(
          MAX_REASON_LENGTH,
          `must be at most ${MAX_REASON_LENGTH} characters`,
        ),
      environment: text(64).optional(),
      cron: z.string().trim().min(1).max(255).optional(),
      timeZone: z.string().trim().min(1).max(64).optional(),
      until: isoDate.optional(),
    })
    .superRefine((body, ctx) => {
      const problem = (field: string, message: string) =>
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: [field], message });
      const { startsAt, endsAt, until } = body;
      // A date that did not parse has its own issue already.
      if (!isValid(startsAt) || !isValid(endsAt)) return;
      const current = now().getTime();
      if (startsAt.getTime() < current - MAX_START_IN_PAST_MS) {
        problem(
          'startsAt',
          'must be at most 15 minutes ago: a window cannot be declared after the fact',
        );
      }
      if (endsAt <= startsAt) {
        problem('endsAt', 'must be after startsAt');
        return;
      }
      if (endsAt.getTime() - startsAt.getTime() > MAX_WINDOW_MS) {
        problem('endsAt', 'must be at most 31 days after startsAt');
        return;
      }
      if (!body.cron) {
        if (endsAt.getTime() <= current)
          problem('endsAt', 'must be in the future');
        if (body.timeZone)
          problem('timeZone', 'is only for a recurring window (with cron)');
        if (body.until)
          problem('until', 'is only for a recurring window (with cron)');
        return;
      }
      if (until !== undefined && !isValid(until)) return;
      const recurrence = recurrenceProblem({
        startsAt,
        endsAt,
        cron: body.cron,
        timeZone: body.timeZone,
        until,
      });
      if (recurrence) problem(recurrence.field, recurrence.message);
    });
}

export type MaintenanceWindowInput = z.infer<
  ReturnType<typeof maintenanceWindowBody>
>;
