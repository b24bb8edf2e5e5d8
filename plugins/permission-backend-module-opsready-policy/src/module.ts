import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { OpsReadyPermissionPolicy } from './OpsReadyPermissionPolicy';
import { readPlatformGroups } from './platformGroups';

/**
 * The OpsReady permission policy for the permission backend, in place of
 * the allow-all policy.
 *
 * @public
 */
export const permissionModuleOpsReadyPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'opsready-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
        userInfo: coreServices.userInfo,
      },
      async init({ policy, config, userInfo }) {
        policy.setPolicy(
          new OpsReadyPermissionPolicy({
            platformGroups: readPlatformGroups(config),
            userInfo,
          }),
        );
      },
    });
  },
});
