import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createValidateServiceAction } from './actions/validateService';

/**
 * Adds the OpsReady golden-template actions to the scaffolder.
 *
 * @public
 */
export const scaffolderModuleOpsReady = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'opsready',
  register({ registerInit }) {
    registerInit({
      deps: {
        scaffolderActions: scaffolderActionsExtensionPoint,
        catalog: catalogServiceRef,
      },
      async init({ scaffolderActions, catalog }) {
        scaffolderActions.addActions(createValidateServiceAction({ catalog }));
      },
    });
  },
});
