import { CheckDefinition } from '../types';
import { DAY_MS, duration, forProductionDelivery } from './productionDelivery';

/** @public */
export const recentDeploymentCheck: CheckDefinition = {
  id: 'delivery.recent-deployment',
  title: 'Deployed recently',
  description:
    'A production service has been deployed within the configured number of days: code that never ships drifts from its dependencies and its team forgets how to release it.',
  category: 'delivery',
  severity: 'medium',
  weight: 1,
  remediation: [
    'Release the service (even only to take up dependency updates), and make sure the deployment pipeline reports each production deployment to OpsReady, so that it counts.',
    'The number of days is set in app-config:',
    '```yaml',
    'opsready:',
    '  checks:',
    '    deployedWithinDays: 30',
    '```',
  ].join('\n'),
  appliesTo: { kinds: ['Component'] },
  evaluate: (facts, context) =>
    forProductionDelivery(facts, context, delivery => {
      const { deployedWithinDays } = context.options;
      const lastDeploymentAt = delivery.lastDeploymentAt;
      if (!lastDeploymentAt) {
        // A service a template created within the window has not had its
        // chance to ship yet: it is on time until the window runs out.
        if (delivery.provisionedAt === undefined) {
          // Nothing recorded yet for a service new to OpsReady: pending until
          // its first deployment is reported, or its pending time ends (then
          // unknown: its pipeline may well not report deployments).
          return {
            status: 'pending',
            message: `Waiting for the first deployment: no deployment to production has been recorded yet; a production service must deploy at least every ${deployedWithinDays} days.`,
            evidence: { deployedWithinDays },
          };
        }
        const provisionedAt = Date.parse(delivery.provisionedAt);
        const sinceProvisioned = context.now.getTime() - provisionedAt;
        if (sinceProvisioned <= deployedWithinDays * DAY_MS) {
          return {
            status: 'pass',
            message: `New service: created ${duration(
              Math.max(0, sinceProvisioned),
            )} ago and not deployed to production yet; its first deployment is due within ${deployedWithinDays} days of its creation.`,
            evidence: {
              provisionedAt: delivery.provisionedAt,
              deployedWithinDays,
            },
          };
        }
        return {
          status: 'fail',
          message: `No deployment to production has been recorded; a production service must deploy at least every ${deployedWithinDays} days.`,
          evidence: { deployedWithinDays },
        };
      }
      const deployedAt = Date.parse(lastDeploymentAt);
      if (Number.isNaN(deployedAt)) {
        return {
          status: 'unknown',
          message: `The last deployment's time, '${lastDeploymentAt}', is not a date.`,
          evidence: { lastDeploymentAt },
        };
      }
      // A deployment stamped slightly in the future (clock skew) is recent.
      const age = Math.max(0, context.now.getTime() - deployedAt);
      const evidence = { lastDeploymentAt, deployedWithinDays };
      if (age > deployedWithinDays * DAY_MS) {
        return {
          status: 'fail',
          message: `Last deployed to production on ${lastDeploymentAt.slice(
            0,
            10,
          )}, more than ${deployedWithinDays} days ago; release it, or check that deployments are reported.`,
          evidence,
        };
      }
      return {
        status: 'pass',
        message: `Last deployed to production ${duration(
          age,
        )} ago, within ${deployedWithinDays} days.`,
        evidence,
      };
    }),
};
