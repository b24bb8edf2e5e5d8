import { InputError } from '@backstage/errors';
import { normalizeEntityRef } from '@opsready/plugin-opsready-common';
import { READ_ONLY } from './campaignActions';
import type { OpsReadyActionsDeps } from './types';

/** Parts of a roll-up an answer lists: the worst ones, enough to act on. */
const PARTS_LISTED = 20;

/**
 * `get-org-rollup`: how a team (with every team below it), a system or a
 * domain scores, for an assistant asked "how is platform doing?" or "what
 * holds the payments domain back?".
 */
export function registerRollupActions({
  actionsRegistry,
  rollup,
}: OpsReadyActionsDeps) {
  actionsRegistry.register({
    name: 'get-org-rollup',
    title: 'Get the OpsReady roll-up of a group, system or domain',
    description: `
Gets how the entities under a group (its own and those of every group below it, along parentOf/childOf), a system or a domain score on an OpsReady scorecard: how many are scored, their average score (0-100), how many reach each level, the checks failing on the most of them, and one step down (child groups, the systems of a domain, the components of a system) with each part's average, worst first. Entities the caller may not see are not counted.
    `,
    attributes: READ_ONLY,
    examples: [
      {
        title: 'How does the platform group score?',
        input: { entityRef: 'group:default/platform' },
      },
    ],
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .min(1)
            .max(255)
            .describe(
              'The group, system or domain, e.g. group:default/platform or system:default/payments',
            ),
          scorecard: z
            .string()
            .min(1)
            .max(63)
            .optional()
            .describe('A scorecard id; the first scorecard when left out'),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          title: z.string(),
          scorecardId: z.string(),
          entities: z.number().describe('Entities scored on the scorecard'),
          averageScore: z.number().nullable(),
          levelCounts: z
            .record(z.number())
            .describe('Entities per level; none for below every level'),
          worstChecks: z.array(
            z.object({
              checkId: z.string(),
              title: z.string(),
              failing: z.number(),
            }),
          ),
          breakdown: z
            .array(
              z.object({
                entityRef: z.string(),
                title: z.string(),
                kind: z.string(),
                entities: z.number(),
                averageScore: z.number().nullable(),
              }),
            )
            .describe(`One step down, worst first, at most ${PARTS_LISTED}`),
        }),
    },
    action: async ({ input, credentials }) => {
      const target = parseTarget(input.entityRef);
      const found = await rollup(target, input.scorecard, credentials);
      return {
        output: {
          entityRef: found.entityRef,
          title: found.title,
          scorecardId: found.scorecardId,
          entities: found.entities,
          averageScore: found.averageScore,
          levelCounts: found.levelCounts,
          worstChecks: found.worstChecks,
          breakdown: found.breakdown.slice(0, PARTS_LISTED),
        },
      };
    },
  });
}

// A roll-up's kind is always named: a bare name could be a group or a
// system, and guessing would answer about the wrong one.
function parseTarget(raw: string) {
  try {
    const ref = normalizeEntityRef(raw, { defaultNamespace: 'default' });
    const [kind, rest] = ref.split(':');
    const [namespace, name] = rest.split('/');
    return { kind, namespace, name };
  } catch {
    throw new InputError(
      'entityRef is not an entity ref with its kind, e.g. group:default/platform',
    );
  }
}
