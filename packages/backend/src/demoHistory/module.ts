import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { backdateDemoHistory } from './backdate';

/** The config key that turns the module on; only the demo's config sets it. */
export const DEMO_HISTORY_CONFIG_KEY = 'opsready.demo.history';

/**
 * The local demo's past: the evaluation history of its production
 * services over the three weeks of the demo campaign, which a fresh demo
 * database cannot have. Written once the OpsReady plugin has created its
 * tables (at start-up, before the backend reports ready and the demo
 * fleet launches the campaign, whose burn-up is replayed from it), and
 * only when `opsready.demo.history` is true: app-config.demo.yaml sets it,
 * no other config does.
 */
export const opsreadyModuleDemoHistory = createBackendModule({
  pluginId: 'opsready',
  moduleId: 'demo-history',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        database: coreServices.database,
        lifecycle: coreServices.lifecycle,
        logger: coreServices.logger,
      },
      async init({ config, database, lifecycle, logger }) {
        if (!config.getOptionalBoolean(DEMO_HISTORY_CONFIG_KEY)) {
          return;
        }
        lifecycle.addStartupHook(async () => {
          const written = await backdateDemoHistory(
            await database.getClient(),
            new Date(),
          );
          logger.info(
            written > 0
              ? `Backdated ${written} check results of the demo's production services`
              : "The demo's production services have their history already",
          );
        });
      },
    });
  },
});
