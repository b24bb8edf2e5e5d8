import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { EntityDirectory } from '../EntityDirectory';
import { entityTabPath } from '../links';
import type { DomainEventHandler } from '../types';

/** How long a deployment's rollback advice is told once only. */
const ROLLBACK_TOLD_ONCE_MS = 30 * 24 * 3_600_000;

/** The user entity an actor names, if it can name one. */
export function actorUserRef(actor: string | undefined): string | undefined {
  if (!actor || /\s/.test(actor)) return undefined;
  try {
    const ref = parseEntityRef(actor, {
      defaultKind: 'user',
      defaultNamespace: 'default',
    });
    return ref.kind.toLocaleLowerCase('en-US') === 'user'
      ? stringifyEntityRef(ref)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * "Rollback advised" tells the owners, and the deployment's actor when the
 * actor is a user of the catalog (a CI bot's name is not).
 */
export function rollbackAdvisedHandler(
  directory: Pick<EntityDirectory, 'get' | 'isUser'>,
): DomainEventHandler<'deployment.rollback-advised'> {
  return async event => {
    const { displayName } = await directory.get(event.entityRef);
    const actor = actorUserRef(event.actor);
    const alsoTell = actor && (await directory.isUser(actor)) ? [actor] : [];
    return [
      {
        entityRef: event.entityRef,
        environment: event.environment,
        topic: 'deployments',
        kind: 'deployment.rollback-advised',
        severity: 'high',
        title: `Rollback advised: ${displayName} ${event.version} in ${event.environment}`,
        description: event.reason,
        link: entityTabPath(event.entityRef, 'deployments'),
        scope: `opsready:rollback:${event.deploymentId}`,
        alsoTell,
        // Correlation may take the advice back and give it again as errors
        // and health changes come in (a flapping endpoint): once is enough.
        once: {
          key: `rollback:${event.deploymentId}`,
          withinMs: ROLLBACK_TOLD_ONCE_MS,
        },
      },
    ];
  };
}
