import type { CampaignSummary } from '@opsready/plugin-opsready-common';
import { truncate } from '../lib/boundedText';
import {
  CAMPAIGN_STATES,
  campaignEntitySchema,
  campaignSummarySchema,
  figuresSchema,
  goalSchema,
  projectionSchema,
  scopeSchema,
} from './schemas';
import type { OpsReadyActionsDeps } from './types';

/** Reads only: nothing changes, and asking twice answers the same. */
export const READ_ONLY = {
  readOnly: true,
  idempotent: true,
  destructive: false,
} as const;

/** Entities with items left that a campaign's status lists. */
const ENTITIES_LISTED = 20;
/** Teams a campaign's status lists, most left first. */
const TEAMS_LISTED = 50;
/** The longest description or rationale quoted. */
const MAX_TEXT = 2000;

function summaryOf(campaign: CampaignSummary) {
  return {
    id: campaign.id,
    name: campaign.name,
    state: campaign.state,
    startsAt: campaign.startsAt,
    deadline: campaign.deadline,
    owner: campaign.owner,
    enforce: campaign.enforce,
    goal: campaign.goal,
    figures: campaign.figures,
    projection: campaign.projection,
  };
}

/** `list-campaigns` and `get-campaign-status`. */
export function registerCampaignActions({
  actionsRegistry,
  campaigns,
}: Pick<OpsReadyActionsDeps, 'actionsRegistry' | 'campaigns'>) {
  actionsRegistry.register({
    name: 'list-campaigns',
    title: 'List OpsReady campaigns',
    description: `
Lists OpsReady campaigns: goals a platform team set the fleet (checks that must pass and/or a minimum compliance level) for every entity in a scope, by a deadline.
Running campaigns come first, then by deadline. Each has its figures (entities done, exempt and still open) and a projection: whether it is at risk of missing its deadline at the recent rate.
Use get-campaign-status with a campaign's id for its teams and the entities still left.
    `,
    attributes: READ_ONLY,
    schema: {
      input: z =>
        z.object({
          state: z
            .enum(CAMPAIGN_STATES)
            .optional()
            .describe(
              'Only campaigns in this state: scheduled (not started yet), active (running), paused, ended. Default: all',
            ),
          cursor: z
            .string()
            .max(512)
            .optional()
            .describe('The nextCursor of the previous page'),
          limit: z
            .number()
            .int()
            .min(1)
            .max(100)
            .optional()
            .describe('Campaigns per page, 1-100. Default 20'),
        }),
      output: z =>
        z.object({
          items: z.array(campaignSummarySchema(z)),
          nextCursor: z
            .string()
            .optional()
            .describe('Pass as cursor for the next page; absent on the last'),
        }),
    },
    action: async ({ input }) => {
      const page = await campaigns.list({
        state: input.state,
        cursor: input.cursor,
        limit: input.limit ?? 20,
      });
      return {
        output: {
          items: page.items.map(summaryOf),
          ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'get-campaign-status',
    title: 'Get the status of an OpsReady campaign',
    description: `
Gets one OpsReady campaign by id (list-campaigns gives the ids): what it asks (its goal and scope), why (rationale), its deadline, how far it is (figures), whether it is at risk of missing the deadline (projection), each owning team's figures with the teams with most left first, and the first ${ENTITIES_LISTED} entities still left with what each needs (failing checks with the reason and how to fix them, or the level to reach).
    `,
    attributes: READ_ONLY,
    schema: {
      input: z =>
        z.object({
          campaignId: z.string().min(1).max(64).describe('The campaign id'),
        }),
      output: z =>
        z.object({
          campaign: z.object({
            id: z.string(),
            name: z.string(),
            description: z.string().describe('Markdown'),
            rationale: z.string().describe('Why it matters, in Markdown'),
            state: z.enum(CAMPAIGN_STATES),
            startsAt: z.string(),
            deadline: z.string(),
            owner: z.string(),
            enforce: z.boolean(),
            goal: goalSchema(z),
            scope: scopeSchema(z),
          }),
          figures: figuresSchema(z),
          projection: projectionSchema(z),
          teams: z
            .array(
              z.object({
                owner: z.string().nullable(),
                total: z.number(),
                done: z.number(),
                exempt: z.number(),
                open: z.number(),
              }),
            )
            .describe(`Owning teams, most left first; at most ${TEAMS_LISTED}`),
          teamsTotal: z.number(),
          entitiesLeft: z
            .array(campaignEntitySchema(z))
            .describe(`The first ${ENTITIES_LISTED} entities with items left`),
          entitiesLeftTotal: z.number(),
          computedAt: z
            .string()
            .optional()
            .describe('When progress was last computed'),
        }),
    },
    action: async ({ input }) => {
      // Not found is a NotFoundError from the first read.
      const campaign = await campaigns.get(input.campaignId);
      const [progress, left] = await Promise.all([
        campaigns.getProgress(campaign.id),
        campaigns.listEntities(
          campaign.id,
          { status: 'open' },
          { limit: ENTITIES_LISTED },
        ),
      ]);
      return {
        output: {
          campaign: {
            id: campaign.id,
            name: campaign.name,
            description: truncate(campaign.description, MAX_TEXT),
            rationale: truncate(campaign.rationale, MAX_TEXT),
            state: campaign.state,
            startsAt: campaign.startsAt,
            deadline: campaign.deadline,
            owner: campaign.owner,
            enforce: campaign.enforce,
            goal: campaign.goal,
            scope: campaign.scope,
          },
          figures: progress.figures,
          projection: progress.projection,
          teams: progress.teams.slice(0, TEAMS_LISTED),
          teamsTotal: progress.teams.length,
          entitiesLeft: left.items,
          entitiesLeftTotal: left.totalItems,
          ...(progress.computedAt ? { computedAt: progress.computedAt } : {}),
        },
      };
    },
  });
}
