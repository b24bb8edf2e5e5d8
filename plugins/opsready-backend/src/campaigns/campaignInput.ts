/*
 * The bodies that launch and edit a campaign, checked against the checks
 * and levels in force. Each 400 names its field, as the other bodies of
 * the API do ("Invalid campaign: deadline: must be after startsAt").
 */
import { InputError } from '@backstage/errors';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  CampaignGoal,
  CampaignScope,
  normalizeEntityRef,
} from '@opsready/plugin-opsready-common';
import { z } from 'zod/v3';
import { boundedJoin } from '../lib/boundedText';
import { quoted, zodProblems } from '../lib/zodProblems';
import { isoDate, levelName } from '../service/validation';
import type { StoredCampaign } from './types';

/** What a campaign's goal may name: the checks in force and the levels. */
export interface CampaignRules {
  checks: () => ReadonlyArray<{ id: string }>;
  levels: ReadonlyArray<{ name: string }>;
}

/** The word every campaign body's 400 names it by. */
export const CAMPAIGN_BODY = 'campaign';

/**
 * A check list in a message: enough to spot a typo, never a page of ids,
 * and short enough that the issue is not cut (zodProblems bounds each).
 */
const MAX_LISTED_CHECKS = 180;

const kind = z
  .string()
  .trim()
  .max(64)
  .regex(/^[A-Za-z][A-Za-z0-9]*$/, 'must be an entity kind, e.g. Component');

const word = (max: number) => z.string().trim().min(1).max(max);

/** An owner ref as the scope keeps it: full and in lower case. */
const scopeOwner = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .transform((value, ctx) => {
    try {
      return normalizeEntityRef(value, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      });
    } catch {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `${quoted(
          value,
        )} is not an entity ref, e.g. group:default/team-a`,
      });
      return z.NEVER;
    }
  });

const annotation = z
  .string()
  .trim()
  .min(1)
  .max(512)
  .refine(value => !value.startsWith('='), {
    message: 'must be key (present) or key=value, e.g. opsready.io/tier=1',
  });

const list = <T extends z.ZodTypeAny>(item: T, max: number) =>
  z.array(item).max(max).optional();

const scopeSchema = z
  .object({
    kinds: list(kind, 20),
    types: list(word(64), 50),
    lifecycles: list(word(64), 20),
    owners: list(scopeOwner, 100),
    systems: list(word(255), 100),
    tags: list(word(64), 50),
    annotations: list(annotation, 20),
  })
  .transform(
    scope =>
      // Empty lists say nothing: kept out, so two equal scopes look equal.
      Object.fromEntries(
        Object.entries(scope).filter(([, values]) => values && values.length),
      ) as CampaignScope,
  );

/** The campaign's owning group, as a full ref. */
const ownerGroup = z
  .string({ required_error: 'is required, e.g. group:default/platform' })
  .trim()
  .min(1)
  .max(255)
  .transform((value, ctx) => {
    let ref: string | undefined;
    try {
      ref = normalizeEntityRef(value, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      });
    } catch {
      ref = undefined;
    }
    if (!ref || parseEntityRef(ref).kind !== 'group') {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `${quoted(value)} is not a group, e.g. group:default/platform`,
      });
      return z.NEVER;
    }
    return ref;
  });

function goalSchema(rules: CampaignRules) {
  return z
    .object({
      checks: z.array(z.string().trim().min(1).max(255)).max(50).optional(),
      minLevel: levelName([...rules.levels])
        .nullable()
        .optional(),
    })
    .superRefine((goal, ctx) => {
      if (!goal.checks?.length && !goal.minLevel) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: 'must name checks to pass, a minLevel, or both',
        });
        return;
      }
      const known = rules.checks().map(c => c.id);
      goal.checks?.forEach((checkId, index) => {
        if (!known.includes(checkId)) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            path: ['checks', index],
            message: `unknown check ${quoted(
              checkId,
            )}; the checks are ${boundedJoin(known, ', ', MAX_LISTED_CHECKS)}`,
          });
        }
      });
    })
    .transform(
      (goal): CampaignGoal => ({
        ...(goal.checks?.length ? { checks: [...new Set(goal.checks)] } : {}),
        ...(goal.minLevel ? { minLevel: goal.minLevel } : {}),
      }),
    );
}

const isValid = (date: Date | undefined): date is Date =>
  date !== undefined && !Number.isNaN(date.getTime());

function fields(rules: CampaignRules) {
  return {
    name: z.string().trim().min(1).max(200),
    description: z.string().trim().max(20000),
    rationale: z.string().trim().max(20000),
    goal: goalSchema(rules),
    scope: scopeSchema,
    startsAt: isoDate,
    deadline: isoDate,
    owner: ownerGroup,
    enforce: z.boolean(),
  };
}

/**
 * The body of a new campaign. Refused: a deadline not after the start or
 * already past, a goal with neither checks nor level, a check not in force,
 * an unknown level, an owner that is not a group.
 */
export function campaignInputBody(
  rules: CampaignRules,
  now: () => Date = () => new Date(),
) {
  const f = fields(rules);
  return z
    .object({
      ...f,
      description: f.description.default(''),
      rationale: f.rationale.default(''),
      scope: f.scope.default({}),
      enforce: f.enforce.default(false),
    })
    .superRefine((body, ctx) => {
      if (!isValid(body.startsAt) || !isValid(body.deadline)) return;
      if (body.deadline <= body.startsAt) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['deadline'],
          message: 'must be after startsAt',
        });
      } else if (body.deadline <= now()) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['deadline'],
          message: 'must be in the future',
        });
      }
    });
}
export type CampaignInputValues = z.infer<ReturnType<typeof campaignInputBody>>;

/** The body of an edit: any of the fields, a new state, and a note. */
export function campaignPatchBody(rules: CampaignRules) {
  const f = fields(rules);
  return z
    .object({
      name: f.name.optional(),
      description: f.description.optional(),
      rationale: f.rationale.optional(),
      goal: f.goal.optional(),
      scope: f.scope.optional(),
      startsAt: f.startsAt.optional(),
      deadline: f.deadline.optional(),
      owner: f.owner.optional(),
      enforce: f.enforce.optional(),
      state: z.enum(['active', 'paused', 'ended']).optional(),
      note: z.string().trim().max(2000).optional(),
    })
    .refine(
      patch =>
        Object.entries(patch).some(
          ([key, value]) => key !== 'note' && value !== undefined,
        ),
      { message: 'changes nothing: give a field to edit, or a state' },
    );
}
export type CampaignPatchValues = z.infer<ReturnType<typeof campaignPatchBody>>;

/** Parses a body with a campaign schema; a 400 naming each wrong field. */
export function parseCampaignBody<T>(
  schema: z.ZodType<T, z.ZodTypeDef, unknown>,
  body: unknown,
): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new InputError(
      `Invalid ${CAMPAIGN_BODY}: ${zodProblems(parsed.error)}`,
    );
  }
  return parsed.data;
}

const refuse = (field: string, message: string): never => {
  throw new InputError(`Invalid ${CAMPAIGN_BODY}: ${field}: ${message}`);
};

/**
 * What an edit may not do to the campaign as it stands: change an ended
 * campaign, resume one that is not paused, pause one paused already, or
 * leave the deadline not after the start.
 */
export function checkPatch(
  current: StoredCampaign,
  patch: CampaignPatchValues,
): void {
  if (current.state === 'ended') {
    refuse('state', 'the campaign has ended; an ended campaign is final');
  }
  if (patch.state === 'active' && current.state !== 'paused') {
    refuse('state', 'only a paused campaign can be resumed, and it is active');
  }
  if (patch.state === 'paused' && current.state === 'paused') {
    refuse('state', 'the campaign is paused already');
  }
  const startsAt = patch.startsAt ?? new Date(current.startsAt);
  const deadline = patch.deadline ?? new Date(current.deadline);
  if (deadline <= startsAt) {
    const field = patch.deadline ? 'deadline' : 'startsAt';
    refuse(
      field,
      field === 'deadline'
        ? `must be after startsAt (${startsAt.toISOString()})`
        : `must be before the deadline (${deadline.toISOString()})`,
    );
  }
}
