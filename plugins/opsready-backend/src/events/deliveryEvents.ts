import { Deployment, DeploymentInput } from '@opsready/plugin-opsready-common';
import type { DeploymentCorrelation } from '../database/DeploymentsStore';
import type {
  ErrorsStore,
  NormalizedErrorInput,
} from '../database/ErrorsStore';
import type { DomainEvent } from '../notifications/types';
import { HEALTH_ERROR_SOURCE } from './healthErrors';

/**
 * The key a deployment's start and finish events share: its source and
 * the id it has there, known before the write gives it a row id.
 */
export const deploymentKey = (d: { source: string; externalId: string }) =>
  `${d.source}:${d.externalId}`;

/** A deployment written as started, or as finished. */
export function deploymentEvents(written: DeploymentInput[]): DomainEvent[] {
  return written.map((d): DomainEvent => {
    const common = {
      entityRef: d.entityRef,
      environment: d.environment,
      deploymentId: deploymentKey(d),
    };
    return d.status === 'started'
      ? {
          type: 'deployment.started',
          ...common,
          version: d.version,
          at: d.startedAt,
        }
      : {
          type: 'deployment.finished',
          ...common,
          status: d.status,
          at: d.finishedAt ?? d.startedAt,
        };
  });
}

/**
 * Critical and high errors written, as the groups they opened or occurred
 * in again. Errors of failing health endpoints are left to the health
 * notifications, which group them by root cause.
 */
export async function errorGroupEvents(
  written: NormalizedErrorInput[],
  errors: Pick<ErrorsStore, 'openGroups'>,
): Promise<DomainEvent[]> {
  const serious = written.filter(
    e =>
      (e.severity === 'critical' || e.severity === 'high') &&
      !e.resolvedAt &&
      e.source !== HEALTH_ERROR_SOURCE,
  );
  if (serious.length === 0) return [];
  const keys = new Map(
    serious.map(e => [
      `${e.entityRef}|${e.fingerprint}`,
      { entityRef: e.entityRef, fingerprint: e.fingerprint },
    ]),
  );
  const groups = await errors.openGroups([...keys.values()]);
  const events: DomainEvent[] = [];
  for (const [key, { entityRef, fingerprint }] of keys) {
    const group = groups.get(key);
    if (!group) continue;
    if (group.severity !== 'critical' && group.severity !== 'high') continue;
    events.push({
      type: 'error.opened',
      entityRef,
      environment: group.environment,
      errorId: group.errorId,
      fingerprint,
      severity: group.severity,
      message: group.message,
      at: group.lastSeenAt,
      occurrences: group.occurrences,
    });
  }
  return events;
}

/** Deployments correlation has newly advised rolling back. */
export function rollbackAdvisedEvents(
  before: Deployment[],
  changed: DeploymentCorrelation[],
): DomainEvent[] {
  const byId = new Map(before.map(d => [d.id, d]));
  return changed.flatMap((next): DomainEvent[] => {
    const current = byId.get(next.id);
    if (!current || !next.rollbackAdvisedReason) return [];
    if (current.rollbackAdvisedReason) return [];
    return [
      {
        type: 'deployment.rollback-advised',
        entityRef: current.entityRef,
        environment: current.environment,
        deploymentId: current.id,
        version: current.version,
        actor: current.actor,
        reason: next.rollbackAdvisedReason,
        at: current.finishedAt ?? current.startedAt,
      },
    ];
  });
}
