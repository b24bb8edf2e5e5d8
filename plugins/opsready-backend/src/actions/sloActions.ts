import { READ_ONLY } from './campaignActions';
import { entityRefInput } from './entityRefInput';
import { entityInput } from './schemas';
import type { OpsReadyActionsDeps } from './types';

/**
 * `get-entity-service-level`: an entity's SLOs as last measured, for an
 * assistant asked "is it safe to ship?" or "why is cartservice paging?".
 * The burn-rate history stays out: it is a chart's, not an answer's.
 */
export function registerSloActions({
  actionsRegistry,
  serviceLevel,
}: OpsReadyActionsDeps) {
  actionsRegistry.register({
    name: 'get-entity-service-level',
    title: "Get an entity's OpsReady service level",
    description: `
Gets an entity's service level objectives (availability over a window, a latency percentile under a threshold), where they were declared (annotations or defaults), the SLIs as last measured and where (Prometheus, or OpsReady's health probes), the error budget left (below 0 once the objective is missed), and the multi-window burn-rate alerts that fire now (page or ticket, as in the Google SRE workbook). An entity without objectives answers objectives null.
    `,
    attributes: READ_ONLY,
    schema: {
      input: entityInput,
      output: z =>
        z.object({
          entityRef: z.string(),
          objectives: z
            .object({
              declaredBy: z.enum(['annotation', 'defaults']),
              availability: z
                .object({ target: z.number(), windowDays: z.number() })
                .optional(),
              latency: z
                .object({
                  percentile: z.number(),
                  thresholdMs: z.number(),
                  windowDays: z.number(),
                })
                .optional(),
            })
            .nullable(),
          measured: z
            .object({
              source: z.enum(['prometheus', 'probes']),
              measuredAt: z.string(),
              availability: z
                .number()
                .optional()
                .describe('Share of good events over the SLO window'),
              latencyMs: z.number().optional(),
              latencyMet: z.boolean().optional(),
            })
            .nullable()
            .describe('Null until measured'),
          budgetRemaining: z
            .number()
            .nullable()
            .describe('Share of the error budget left; below 0 when overspent'),
          alerts: z.array(
            z.object({
              severity: z.enum(['page', 'ticket']),
              message: z.string(),
            }),
          ),
          problems: z.array(z.string()),
        }),
    },
    action: async ({ input, credentials }) => {
      const status = await serviceLevel(
        entityRefInput(input.entityRef),
        credentials,
      );
      const { sli } = status;
      const badShare = sli?.errorRatios.slo;
      return {
        output: {
          entityRef: status.entityRef,
          objectives: status.objectives ?? null,
          measured: sli
            ? {
                source: sli.source,
                measuredAt: sli.measuredAt,
                ...(badShare !== undefined
                  ? { availability: 1 - badShare }
                  : {}),
                ...(sli.latencyMs !== undefined
                  ? { latencyMs: sli.latencyMs }
                  : {}),
                ...(status.latencyMet !== undefined
                  ? { latencyMet: status.latencyMet }
                  : {}),
              }
            : null,
          budgetRemaining: status.budget?.remaining ?? null,
          alerts: status.alerts.map(a => ({
            severity: a.severity,
            message: a.message,
          })),
          problems: status.problems,
        },
      };
    },
  });
}
