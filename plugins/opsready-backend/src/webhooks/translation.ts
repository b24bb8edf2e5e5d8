import { InputError } from '@backstage/errors';
import {
  DeploymentInput,
  ServiceErrorInput,
} from '@opsready/plugin-opsready-common';
import { z } from 'zod/v3';
import { zodProblems } from '../lib/zodProblems';

/*
 * What every webhook's translator produces: the events a payload carries,
 * complete but for the entity, and how to find that entity in the catalog.
 * A translator reads the whole payload and throws before anything is
 * recorded, so a payload is either taken in full or refused.
 */

/** How to find the entity an event is about; tried in order, first match wins. */
export type EntityLocator =
  | { by: 'annotation'; key: string; values: string[] }
  | { by: 'refOrName'; value: string; from: string };

/** An event of the payload, waiting for its entity. */
export type PendingEvent =
  | {
      type: 'deployment';
      locators: EntityLocator[];
      input: Omit<DeploymentInput, 'entityRef'>;
    }
  | {
      type: 'error';
      locators: EntityLocator[];
      input: Omit<ServiceErrorInput, 'entityRef'>;
    }
  | {
      /**
       * Resolve the errors of this source still open for the entity whose
       * external id starts with `externalIdPrefix` (a source that only says
       * "healthy again", without naming the problem that ended).
       */
      type: 'resolve-open-errors';
      locators: EntityLocator[];
      externalIdPrefix: string;
      template: Omit<
        ServiceErrorInput,
        'entityRef' | 'externalId' | 'occurredAt' | 'resolvedAt'
      >;
      resolvedAt: string;
      /** Recovers the error's first sighting from its external id. */
      occurredAtOf(externalId: string): string;
    };

/** Something in a payload left aside on purpose, and why. */
export interface SkippedItem {
  /** What it was: an event name, an alert's fingerprint, an app. */
  item: string;
  reason: string;
}

/** A skipped item of a payload, and whether it was an event that named no entity. */
export interface TranslationSkip extends SkippedItem {
  /** Kept with the deliveries of unknown entities, for the platform team to read back. */
  namesNoEntity?: boolean;
}

export interface Translation {
  events: PendingEvent[];
  skipped: TranslationSkip[];
}

/**
 * Parses a payload with a schema; on failure, a 400 naming every field that
 * is missing or wrong, by its path in the payload.
 */
export function parsePayload<T>(
  schema: z.ZodType<T, z.ZodTypeDef, unknown>,
  payload: unknown,
  what: string,
): T {
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    // alerts[1].fingerprint, as one would write it in the payload.
    const problems = zodProblems(parsed.error, issue =>
      issue.path
        .map(p => (typeof p === 'number' ? `[${p}]` : `.${p}`))
        .join('')
        .replace(/^\./, ''),
    );
    throw new InputError(`Invalid ${what} payload: ${problems}`);
  }
  return parsed.data;
}

/** Go's zero time, which Alertmanager and Argo CD send for "not set". */
function isZeroTime(value: string): boolean {
  return value.startsWith('0001-01-01');
}

/** An ISO 8601 date-time, normalized; required. */
export const isoDateTime = z
  .string({ required_error: 'is required' })
  .refine(v => !Number.isNaN(Date.parse(v)) && !isZeroTime(v), {
    message: 'must be an ISO 8601 date-time',
  })
  .transform(v => new Date(v).toISOString());

/** An ISO 8601 date-time, or absent when empty, null or Go's zero time. */
export const optionalIsoDateTime = z
  .union([z.string(), z.null()])
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === null || v === '' || isZeroTime(v)) {
      return undefined;
    }
    if (Number.isNaN(Date.parse(v))) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: 'must be an ISO 8601 date-time',
      });
      return z.NEVER;
    }
    return new Date(v).toISOString();
  });

/** A string that may be absent, null or empty: all mean "not given". */
export const optionalText = z
  .union([z.string(), z.null()])
  .optional()
  .transform(v => (v === null || v === undefined || v === '' ? undefined : v));

/** A required non-empty string. */
export const requiredText = z
  .string({ required_error: 'is required' })
  .min(1, 'must not be empty');
