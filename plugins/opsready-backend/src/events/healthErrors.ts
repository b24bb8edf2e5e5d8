import { ErrorCategory, ErrorSeverity } from '@opsready/plugin-opsready-common';
import { HealthTransitionListener } from '../health/healthTransition';
import { EventIngest } from './EventIngest';

/** The source of the errors failing health endpoints open. */
export const HEALTH_ERROR_SOURCE = 'opsready-health';

/**
 * A network failure (no answer, refused, timed out, TLS) says the service
 * or the way to it is gone; an answer with a bad status or body says it
 * runs but something it needs does not.
 */
export function healthFailureCategory(
  reason: string | undefined,
): ErrorCategory {
  if (!reason) return 'network';
  return /\b(status|HTTP|body|expected)\b/i.test(reason) &&
    !/\b(timed? ?out|within|ECONN|ENOTFOUND|EAI_AGAIN|refused|reset|TLS|certificate|socket)\b/i.test(
      reason,
    )
    ? 'dependency'
    : 'network';
}

/**
 * Turns health transitions into errors of the error timeline: a down
 * transition opens one (one per endpoint outage), the way back up
 * resolves it. It goes through the event ingest like any other source,
 * so the outage is correlated with the deployment before it.
 */
export function healthTransitionsToErrors(options: {
  ingest: EventIngest;
  severityOf: (environment: string) => ErrorSeverity;
}): HealthTransitionListener {
  const { ingest, severityOf } = options;
  return async ({ entityRef, environment, url, transition }) => {
    const externalId = `${entityRef}|${environment}`;
    if (transition.to === 'down') {
      // Each outage is its own event; its id says when it began.
      await ingest.recordErrors([
        {
          entityRef,
          environment,
          stage: 'runtime',
          code: 'HEALTH_DOWN',
          severity: severityOf(environment),
          category: healthFailureCategory(transition.reason),
          message: `Health endpoint ${url} is down${
            transition.reason ? `: ${transition.reason}` : ''
          }`,
          occurredAt: transition.at,
          fingerprint: `health:${entityRef}:${environment}`,
          source: HEALTH_ERROR_SOURCE,
          externalId: `${externalId}|${transition.at}`,
        },
      ]);
      return;
    }
    const open = (await ingest.listOpenErrors(HEALTH_ERROR_SOURCE)).filter(
      e =>
        e.entityRef === entityRef && e.externalId.startsWith(`${externalId}|`),
    );
    if (open.length === 0) return;
    await ingest.recordErrors(
      open.map(e => {
        const since = e.externalId.slice(externalId.length + 1);
        return {
          entityRef,
          environment,
          stage: 'runtime',
          code: 'HEALTH_DOWN',
          severity: severityOf(environment),
          category: 'network' as const,
          message: `Health endpoint ${url} is down`,
          occurredAt: since,
          fingerprint: `health:${entityRef}:${environment}`,
          resolvedAt: transition.at,
          source: HEALTH_ERROR_SOURCE,
          externalId: e.externalId,
        };
      }),
    );
  };
}
