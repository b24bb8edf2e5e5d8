import { CompoundEntityRef } from '@backstage/catalog-model';
import { useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';

/** The paths the OpsReady entity tabs are mounted on, in both app systems. */
export const ENTITY_TAB_PATHS = {
  compliance: 'opsready-compliance',
  deployments: 'opsready-deployments',
  errors: 'opsready-errors',
} as const;

/**
 * A function that links to one of an entity's OpsReady tabs, through the
 * catalog's own entity route so the app's catalog path is respected.
 */
export function useEntityTabLink(): (
  entity: CompoundEntityRef,
  tab: keyof typeof ENTITY_TAB_PATHS,
) => string {
  const entityRoute = useRouteRef(entityRouteRef);
  return (entity, tab) =>
    `${entityRoute({
      kind: entity.kind.toLocaleLowerCase('en-US'),
      namespace: entity.namespace,
      name: entity.name,
    })}/${ENTITY_TAB_PATHS[tab]}`;
}
