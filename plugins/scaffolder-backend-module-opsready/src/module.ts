import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createFixGenerateAction } from './actions/fixGenerate';
import { createFixRecordAction } from './actions/fixRecord';
import { createFixVerifyAction } from './actions/fixVerify';
import { createGenerateManifestsAction } from './actions/generateManifests';
import { createPublishLocalAction } from './actions/publishLocal';
import { createRegisterServiceAction } from './actions/registerService';
import { createValidateServiceAction } from './actions/validateService';
import { createVerifyComplianceAction } from './actions/verifyCompliance';
import { ConfiguredDeclarativeChecks } from './compliance/configuredDeclarativeChecks';

/**
 * Adds the OpsReady golden-template and fix actions to the scaffolder.
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
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        config: coreServices.rootConfig,
        urlReader: coreServices.urlReader,
      },
      async init({
        scaffolderActions,
        catalog,
        discovery,
        auth,
        config,
        urlReader,
      }) {
        // The checks the backend runs besides the built-in ones; a bad one
        // in app-config stops the start here, as it stops the backend's.
        const declarativeChecks = ConfiguredDeclarativeChecks.create({
          config,
          urlReader,
        });
        scaffolderActions.addActions(
          createValidateServiceAction({ catalog }),
          createGenerateManifestsAction(),
          createVerifyComplianceAction({ catalog, config, declarativeChecks }),
          createPublishLocalAction({ config, catalog, auth }),
          createRegisterServiceAction({ discovery, auth }),
          createFixGenerateAction({
            catalog,
            config,
            urlReader,
            discovery,
            auth,
            declarativeChecks,
          }),
          createFixVerifyAction({ catalog, config, declarativeChecks }),
          createFixRecordAction({ discovery, auth }),
        );
      },
    });
  },
});
