import { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/core-plugin-api';
import { EntityEvaluation } from '@opsready/plugin-opsready-common';

/**
 * The OpsReady backend, as the frontend sees it.
 *
 * @public
 */
export interface OpsReadyApi {
  /** The latest evaluation of an entity's checks. */
  getEntityEvaluation(entity: CompoundEntityRef): Promise<EntityEvaluation>;
  /** Runs the entity's checks now and returns the new evaluation. */
  refreshEntityEvaluation(entity: CompoundEntityRef): Promise<EntityEvaluation>;
}

/** @public */
export const opsreadyApiRef = createApiRef<OpsReadyApi>({
  id: 'plugin.opsready.service',
});
