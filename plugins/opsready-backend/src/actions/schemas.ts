/*
 * The shapes the actions answer with, in the zod the actions registry
 * hands each schema function. They are the API's shapes, trimmed to what
 * helps someone asking about a campaign or a service.
 */
import type { z as Zod } from 'zod/v3';

/** The zod the actions registry hands each schema function. */
export type ZodApi = typeof Zod;

export const CAMPAIGN_STATES = [
  'scheduled',
  'active',
  'paused',
  'ended',
] as const;

export const goalSchema = (z: ZodApi) =>
  z.object({
    checks: z
      .array(z.string())
      .optional()
      .describe('Check ids every entity in scope must pass (or not apply)'),
    minLevel: z
      .string()
      .nullable()
      .optional()
      .describe('The level every entity in scope must reach'),
  });

export const scopeSchema = (z: ZodApi) => {
  const alternatives = z.array(z.string()).optional();
  return z
    .object({
      kinds: alternatives,
      types: alternatives,
      lifecycles: alternatives,
      owners: alternatives,
      systems: alternatives,
      tags: alternatives,
      annotations: alternatives.describe('key (present) or key=value'),
    })
    .describe(
      'Which entities it asks: each field lists alternatives (any of them), all fields apply; empty is every entity OpsReady evaluates',
    );
};

export const figuresSchema = (z: ZodApi) =>
  z
    .object({
      total: z.number(),
      done: z.number(),
      exempt: z.number(),
      open: z.number(),
    })
    .describe('Entities in scope: done, exempt (by exemption), open (left)');

export const projectionSchema = (z: ZodApi) =>
  z.object({
    atRisk: z
      .boolean()
      .describe(
        'Items are left and, at the recent rate, the campaign ends after its deadline',
      ),
    projectedCompletion: z
      .string()
      .nullable()
      .describe('When the last entity is done at the recent rate'),
    ratePerWeek: z
      .number()
      .describe('Entities done or exempted a week, over the last 14 days'),
  });

export const campaignSummarySchema = (z: ZodApi) =>
  z.object({
    id: z.string(),
    name: z.string(),
    state: z.enum(CAMPAIGN_STATES),
    startsAt: z.string(),
    deadline: z.string(),
    owner: z.string().describe('The group running the campaign'),
    enforce: z
      .boolean()
      .describe(
        'After the deadline, the deployment gate fails entities with items left',
      ),
    goal: goalSchema(z),
    figures: figuresSchema(z),
    projection: projectionSchema(z),
  });

export const itemSchema = (z: ZodApi) =>
  z.object({
    type: z.enum(['check', 'level']),
    title: z.string(),
    checkId: z.string().optional(),
    status: z.string().optional().describe("The check's status now"),
    message: z.string().optional().describe('Why it fails now'),
    remediation: z.string().optional().describe('How to fix it (Markdown)'),
    currentLevel: z.string().nullable().optional(),
    requiredLevel: z.string().optional(),
  });

export const campaignEntitySchema = (z: ZodApi) =>
  z.object({
    entityRef: z.string(),
    owner: z.string().nullable(),
    status: z.enum(['done', 'open', 'exempt']),
    items: z
      .array(itemSchema(z))
      .describe('What is left (open), or what is exempted (exempt)'),
    since: z.string().describe('In this status since'),
  });

/** The input every entity action takes: which entity. */
export const entityInput = (z: ZodApi) =>
  z.object({
    entityRef: z
      .string()
      .min(1)
      .max(255)
      .describe(
        'The entity, e.g. component:default/cartservice; a bare name is a component of the default namespace',
      ),
  });
