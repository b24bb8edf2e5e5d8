import type { EntityCheck } from '@opsready/plugin-opsready-common';
import { READ_ONLY } from './campaignActions';
import { entityRefInput } from './entityRefInput';
import { CAMPAIGN_STATES, entityInput, itemSchema } from './schemas';
import type { OpsReadyActionsDeps } from './types';

/** Results that count against an entity: what its owners must look at. */
const NOT_PASSING = new Set(['fail', 'warn', 'error', 'unknown']);

function checkOf(check: EntityCheck) {
  const open = !check.exemption && NOT_PASSING.has(check.result.status);
  return {
    id: check.id,
    title: check.title,
    category: check.category,
    severity: check.severity,
    weight: check.weight,
    status: check.result.status,
    message: check.result.message,
    // How to fix it, only where there is something to fix.
    ...(open ? { remediation: check.remediation } : {}),
    ...(check.exemption
      ? {
          exemption: {
            reason: check.exemption.reason,
            expiresAt: check.exemption.expiresAt,
          },
        }
      : {}),
  };
}

/**
 * `get-entity-campaign-items`, `get-entity-compliance` and
 * `check-deployment-gate`: each reads the entity as the caller may see it,
 * so an entity they may not read is not found, as in the API.
 */
export function registerEntityActions({
  actionsRegistry,
  campaigns,
  compliance,
  gate,
}: OpsReadyActionsDeps) {
  actionsRegistry.register({
    name: 'get-entity-campaign-items',
    title: "Get an entity's OpsReady campaign items",
    description: `
Gets the running and paused OpsReady campaigns whose scope has the entity, and for each what the entity still needs to do for it (failing checks with the reason and how to fix them, or a level to reach), its status in the campaign (done, open, exempt) and when it is due.
Use it to answer "what do I still need to do on this service, and by when?".
    `,
    attributes: READ_ONLY,
    schema: {
      input: entityInput,
      output: z =>
        z.object({
          entityRef: z.string(),
          campaigns: z.array(
            z.object({
              campaign: z.object({
                id: z.string(),
                name: z.string(),
                state: z.enum(CAMPAIGN_STATES),
                deadline: z.string(),
                owner: z.string(),
                enforce: z
                  .boolean()
                  .describe(
                    'After the deadline, the deployment gate fails the entity while it has items left',
                  ),
              }),
              status: z.enum(['done', 'open', 'exempt']),
              items: z.array(itemSchema(z)),
              dueAt: z.string(),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      // Reading its evaluation as the caller is what tells whether they may
      // see the entity: campaigns themselves need no permission.
      const { entityRef } = await compliance(
        entityRefInput(input.entityRef),
        credentials,
      );
      return {
        output: {
          entityRef,
          campaigns: await campaigns.getEntityCampaigns(entityRef),
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'get-entity-compliance',
    title: "Get an entity's OpsReady compliance",
    description: `
Gets an entity's latest OpsReady evaluation: its compliance score (0-100), the level it reaches (e.g. bronze, silver, gold; null below the lowest), what the next level needs, and every check with its status (pass, warn, fail, error, not-applicable, unknown, pending), the reason, and how to fix the checks that do not pass. Checks with an exemption in force say so and do not count.
    `,
    attributes: READ_ONLY,
    schema: {
      input: entityInput,
      output: z =>
        z.object({
          entityRef: z.string(),
          score: z.number().nullable(),
          level: z.string().nullable(),
          nextLevel: z
            .object({
              name: z.string(),
              minScore: z.number(),
              pointsNeeded: z.number(),
              blockingChecks: z
                .array(z.string())
                .describe(
                  'Checks that must pass to reach it whatever the score',
                ),
            })
            .nullable()
            .describe('What the next level needs; null at the top'),
          evaluatedAt: z.string(),
          checks: z.array(
            z.object({
              id: z.string(),
              title: z.string(),
              category: z.string(),
              severity: z.enum(['critical', 'high', 'medium', 'low']),
              weight: z
                .number()
                .describe('Weight in the score; 0 is not scored'),
              status: z.string(),
              message: z.string(),
              remediation: z
                .string()
                .optional()
                .describe('How to fix it (Markdown), where it does not pass'),
              exemption: z
                .object({ reason: z.string(), expiresAt: z.string() })
                .optional()
                .describe('The exemption in force: the check does not count'),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      const evaluation = await compliance(
        entityRefInput(input.entityRef),
        credentials,
      );
      return {
        output: {
          entityRef: evaluation.entityRef,
          score: evaluation.score,
          level: evaluation.level,
          nextLevel: evaluation.nextLevel,
          evaluatedAt: evaluation.evaluatedAt,
          checks: evaluation.checks.map(checkOf),
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'check-deployment-gate',
    title: 'Check the OpsReady deployment gate',
    description: `
Asks the OpsReady deployment gate whether an entity may deploy: whether it reaches a minimum compliance level, whether an enforced campaign past its deadline still has items left for it, and, with requireErrorBudget, whether its SLO's error budget is left (an exhausted budget is a release freeze). The same verdict CI gets from GET /api/opsready/gate; nothing is deployed or changed.
The answer says pass or not, the entity's level and score, the checks that fail, and the campaigns that block it.
    `,
    attributes: READ_ONLY,
    examples: [
      {
        title: 'May the cart service deploy at silver?',
        input: {
          entityRef: 'component:default/cartservice',
          minLevel: 'silver',
        },
      },
    ],
    schema: {
      input: z =>
        entityInput(z).extend({
          minLevel: z
            .string()
            .min(1)
            .max(64)
            .describe(
              "The level it must reach or pass, one of the scorecard's levels (e.g. bronze, silver, gold)",
            ),
          scorecard: z
            .string()
            .min(1)
            .max(63)
            .optional()
            .describe(
              'The scorecard judged (e.g. security); the first scorecard when left out',
            ),
          requireErrorBudget: z
            .boolean()
            .optional()
            .describe(
              "Also fail while the error budget of the entity's SLO is exhausted",
            ),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          scorecard: z.string().describe('The scorecard judged'),
          minLevel: z.string(),
          level: z.string().nullable(),
          score: z.number().nullable(),
          pass: z.boolean().describe('Whether it may deploy'),
          evaluatedAt: z.string().optional(),
          blockingCampaigns: z
            .array(
              z.object({
                id: z.string(),
                name: z.string(),
                deadline: z.string(),
                reason: z.string(),
              }),
            )
            .optional()
            .describe(
              'Enforced campaigns past their deadline the entity still has items left in; any fails the gate',
            ),
          errorBudget: z
            .object({
              exhausted: z.boolean(),
              remaining: z.number().nullable(),
              target: z.number().optional(),
              windowDays: z.number().optional(),
              reason: z.string(),
            })
            .optional()
            .describe(
              'With requireErrorBudget: the error budget, and whether it holds the gate',
            ),
          failingChecks: z.array(
            z.object({
              id: z.string().optional(),
              title: z.string().optional(),
              severity: z.string().optional(),
              status: z.string().optional(),
              message: z.string().optional(),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => ({
      output: await gate(
        {
          entityRef: entityRefInput(input.entityRef),
          minLevel: input.minLevel,
          scorecard: input.scorecard,
          requireErrorBudget: input.requireErrorBudget,
        },
        credentials,
      ),
    }),
  });
}
