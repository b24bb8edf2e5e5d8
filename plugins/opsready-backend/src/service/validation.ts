import { InputError } from '@backstage/errors';
import {
  DEPLOYMENT_STATUSES,
  DeploymentStatus,
  ERROR_CATEGORIES,
  ERROR_SEVERITIES,
  ERROR_STATUSES,
  ErrorCategory,
  ErrorSeverity,
  ErrorStatus,
} from '@opsready/plugin-opsready-common';
import { z } from 'zod/v3';
import { normalizeEntityRef } from '@opsready/plugin-opsready-common';
import { isoString, text } from '../events/eventInputs';
import { quoted, zodProblems } from '../lib/zodProblems';

export { deploymentInput, serviceErrorInput } from '../events/eventInputs';

/**
 * Parses request input with a schema; on failure, a 400 that says which
 * field is wrong and why.
 */
export function parseInput<T>(
  schema: z.ZodType<T, z.ZodTypeDef, unknown>,
  input: unknown,
  what: string,
): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new InputError(`Invalid ${what}: ${zodProblems(parsed.error)}`);
  }
  return parsed.data;
}

export const isoDate = z
  .string()
  .refine(value => !Number.isNaN(Date.parse(value)), {
    message: 'must be an ISO 8601 date-time, e.g. 2026-11-22T10:00:00Z',
  })
  .transform(value => new Date(value));

export const scoreHistoryQuery = z
  .object({ from: isoDate.optional(), to: isoDate.optional() })
  .transform(({ from, to }) => {
    const end = to ?? new Date();
    return {
      from: from ?? new Date(end.getTime() - 30 * 24 * 3600_000),
      to: end,
    };
  })
  .refine(range => range.from <= range.to, {
    message: 'from must not be after to',
  });

/** Backstage's own rule for a kind: a letter, then letters and digits. */
const entityKind = z
  .string()
  .max(63)
  .regex(/^[A-Za-z][A-Za-z0-9]*$/, 'must be an entity kind, e.g. Component');

/**
 * A level of the configured ones (or `none` where the query allows it):
 * an unknown level is a mistake, never a filter that matches nothing.
 */
export function levelName(levels: Array<{ name: string }>, orNone = false) {
  const names = [...levels.map(l => l.name), ...(orNone ? ['none'] : [])];
  const listed = orNone
    ? `${levels.map(l => l.name).join(', ')}, or none`
    : names.join(', ');
  return z
    .string()
    .min(1)
    .max(64)
    .superRefine((value, ctx) => {
      if (!names.includes(value)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `unknown level ${quoted(value)}; the levels are ${listed}`,
        });
      }
    });
}

/** The scorecards a query may name, with their levels. */
export type ScorecardLevels = ReadonlyArray<{
  id: string;
  levels: Array<{ name: string }>;
}>;

/**
 * A query naming an optional scorecard (the first when left out) and a
 * level of that scorecard under `levelKey`: an unknown scorecard or a level
 * the scorecard does not have is a 400 naming the ones there are.
 */
function scorecardAndLevel<T extends z.ZodRawShape>(
  shape: T,
  scorecards: ScorecardLevels,
  levelKey: string,
  orNone: boolean,
) {
  const ids = scorecards.map(s => s.id);
  return z
    .object({ ...shape, scorecard: z.string().min(1).max(63).optional() })
    .superRefine((query: Record<string, unknown>, ctx) => {
      const asked = query.scorecard as string | undefined;
      const scorecard = asked
        ? scorecards.find(s => s.id === asked)
        : scorecards[0];
      if (!scorecard) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['scorecard'],
          message: `unknown scorecard ${quoted(
            asked ?? '',
          )}; the scorecards are ${ids.join(', ')}`,
        });
        return;
      }
      const level = query[levelKey];
      if (level === undefined) return;
      const checked = levelName(scorecard.levels, orNone).safeParse(level);
      for (const issue of checked.success ? [] : checked.error.issues) {
        ctx.addIssue({ ...issue, path: [levelKey] } as z.IssueData);
      }
    });
}

/** The fleet's query; its levels are those of the scorecard asked. */
export function fleetQuery(scorecards: ScorecardLevels) {
  return scorecardAndLevel(
    {
      owner: z.string().min(1).max(255).optional(),
      kind: entityKind.optional(),
      level: z.string().min(1).max(64).optional(),
      // The page's last entity ref: anything else is no cursor of ours.
      cursor: z
        .string()
        .min(1)
        .max(512)
        .refine(value => /^[^:/]+:[^:/]+\/.+$/.test(value), {
          message: 'not a cursor from an earlier page',
        })
        .optional(),
      limit: z.coerce.number().int().min(1).max(500).default(50),
    },
    scorecards,
    'level',
    true,
  );
}

const BOOLEAN_TEXT: Record<string, boolean> = { true: true, false: false };

/**
 * A boolean query parameter: text in the URL (`true`, `false`), a boolean
 * once the spec's validator has read it.
 */
export const booleanQuery = z.preprocess(
  value => BOOLEAN_TEXT[String(value)] ?? value,
  z.boolean({ invalid_type_error: "must be 'true' or 'false'" }),
);

export function gateQuery(scorecards: ScorecardLevels) {
  return scorecardAndLevel(
    {
      entityRef: z
        .string({
          required_error: 'is required, e.g. component:default/cartservice',
        })
        .min(1)
        .max(255),
      minLevel: z.string({ required_error: 'is required, e.g. silver' }),
      requireErrorBudget: booleanQuery.optional(),
    },
    scorecards,
    'minLevel',
    false,
  );
}

const MAX_EXEMPTION_DAYS = 366;

export const newExemptionBody = z.object({
  checkId: z.string().min(1).max(255),
  reason: z
    .string()
    .trim()
    .min(3, 'must say why, in at least 3 characters')
    .max(2000),
  expiresAt: isoDate
    .refine(date => date.getTime() > Date.now(), {
      message: 'must be in the future',
    })
    .refine(
      date => date.getTime() <= Date.now() + MAX_EXEMPTION_DAYS * 24 * 3600_000,
      { message: `must be at most ${MAX_EXEMPTION_DAYS} days ahead` },
    ),
});

export const exemptionDecisionBody = z.object({
  decision: z.enum(['grant', 'decline']),
  note: z.string().trim().max(2000).optional(),
});

export const healthHistoryQuery = z
  .object({
    from: isoDate.optional(),
    to: isoDate.optional(),
    bucket: z.enum(['hour', 'day']).optional(),
  })
  .transform(({ from, to, bucket }) => {
    const end = to ?? new Date();
    const start = from ?? new Date(end.getTime() - 24 * 3600_000);
    const spanDays = (end.getTime() - start.getTime()) / (24 * 3600_000);
    // Hours for up to two days (what hourly rollups cover), days beyond.
    return {
      from: start,
      to: end,
      bucket: bucket ?? (spanDays <= 2 ? 'hour' : 'day'),
    } as const;
  })
  .refine(range => range.from <= range.to, {
    message: 'from must not be after to',
  })
  .refine(
    range => range.to.getTime() - range.from.getTime() <= 366 * 24 * 3600_000,
    {
      message: 'the range may span at most 366 days',
    },
  );

/**
 * Parses one item, or `{ items: [...] }` of 1 to maxBatch; the 400 names
 * each wrong field, with its index in the batch (`items.3.startedAt`).
 */
export function parseBatch<T>(
  item: z.ZodType<T, z.ZodTypeDef, unknown>,
  maxBatch: number,
  body: unknown,
  what: string,
): T[] {
  if (
    typeof body === 'object' &&
    body !== null &&
    !Array.isArray(body) &&
    'items' in body
  ) {
    const batch = z
      .object({
        items: z
          .array(item)
          .min(1, 'must hold at least one item')
          .max(maxBatch, `must hold at most ${maxBatch} items`),
      })
      .strict();
    return parseInput(batch, body, what).items;
  }
  return [parseInput(item, body, what)];
}

export const deploymentStatusPatch = z
  .object({
    status: z.enum(
      DEPLOYMENT_STATUSES as [DeploymentStatus, ...DeploymentStatus[]],
    ),
    finishedAt: isoString.optional(),
  })
  .strict();

export const resolveErrorBody = z
  .object({ notes: z.string().trim().max(4000).optional() })
  .strict();

export const provisionedBody = z.object({
  templateName: text(255),
  templateVersion: text(64).optional(),
  repoUrl: z.string().url().max(2048).optional(),
  actor: text(255).optional(),
});

const pageQuery = {
  cursor: z.string().min(1).max(512).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
};

const optionalRange = {
  from: isoDate.optional(),
  to: isoDate.optional(),
};

const rangeInOrder = (range: { from?: Date; to?: Date }) =>
  !range.from || !range.to || range.from <= range.to;

export const deploymentsQuery = z
  .object({
    environment: text(64).optional(),
    status: z
      .enum(DEPLOYMENT_STATUSES as [DeploymentStatus, ...DeploymentStatus[]])
      .optional(),
    ...optionalRange,
    ...pageQuery,
  })
  .refine(rangeInOrder, { message: 'from must not be after to' });

export const errorsQuery = z
  .object({
    environment: text(64).optional(),
    severity: z
      .enum(ERROR_SEVERITIES as [ErrorSeverity, ...ErrorSeverity[]])
      .optional(),
    category: z
      .enum(ERROR_CATEGORIES as [ErrorCategory, ...ErrorCategory[]])
      .optional(),
    status: z
      .enum(ERROR_STATUSES as [ErrorStatus, ...ErrorStatus[]])
      .optional(),
    view: z.enum(['grouped', 'flat']).default('grouped'),
    ...optionalRange,
    ...pageQuery,
  })
  .refine(rangeInOrder, { message: 'from must not be after to' });

const MAX_RANGE_DAYS = 366;

/** A window ending at `to` (default now), `defaultDays` long unless `from` says otherwise. */
function windowQuery(defaultDays: number) {
  return z
    .object(optionalRange)
    .transform(({ from, to }) => {
      const end = to ?? new Date();
      return {
        from: from ?? new Date(end.getTime() - defaultDays * 24 * 3600_000),
        to: end,
      };
    })
    .refine(range => range.from <= range.to, {
      message: 'from must not be after to',
    })
    .refine(
      range =>
        range.to.getTime() - range.from.getTime() <=
        MAX_RANGE_DAYS * 24 * 3600_000,
      { message: `the range may span at most ${MAX_RANGE_DAYS} days` },
    );
}

/** The query's `fields` and a window (see windowQuery) of `defaultDays`. */
function withWindow<T extends z.ZodRawShape>(fields: T, defaultDays: number) {
  return z
    .object({ ...fields, from: z.unknown(), to: z.unknown() })
    .transform(({ from, to, ...rest }, ctx) => {
      const range = windowQuery(defaultDays).safeParse({ from, to });
      if (!range.success) {
        for (const issue of range.error.issues) ctx.addIssue(issue);
        return z.NEVER;
      }
      return {
        ...(rest as Omit<z.infer<z.ZodObject<T>>, 'from' | 'to'>),
        ...range.data,
      };
    });
}

export const timelineQuery = withWindow(pageQuery, 30);

export const doraQuery = withWindow(
  { environment: text(64).default('production') },
  30,
);

/** The errors chart's series: a week unless from says otherwise. */
export const errorSeriesQuery = withWindow(
  { environment: text(64).optional() },
  7,
);

export const fleetDoraQuery = z
  .object({
    owner: z
      .string({ required_error: 'is required, e.g. group:default/payments' })
      .min(1),
    environment: z.unknown(),
    from: z.unknown(),
    to: z.unknown(),
  })
  .transform(({ owner, ...rest }, ctx) => {
    const parsed = doraQuery.safeParse(rest);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue(issue);
      return z.NEVER;
    }
    return { owner, ...parsed.data };
  });

/** An owner from a query (`payments`, `group:payments`), as a full ref; a 400 if it is none. */
export function parseOwnerRef(owner: string): string {
  try {
    return normalizeEntityRef(owner, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
  } catch {
    throw new InputError(
      `Invalid query: owner: ${quoted(owner)} is not an entity ref`,
    );
  }
}

/**
 * The entity a route's path names (`/entities/{kind}/{namespace}/{name}/…`),
 * as a full ref. The typed router does not type path parameters declared on
 * the path rather than the operation, hence the wide parameter type.
 */
export function pathEntityRef(params: object): string {
  const { kind, namespace, name } = params as Record<string, string>;
  return normalizeEntityRef({ kind, namespace, name });
}
