import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { opsreadyApiRef } from './api/OpsReadyApi';
import { OpsReadyClient } from './api/OpsReadyClient';

/**
 * OpsReady for apps on Backstage's legacy frontend system. Apps on the new
 * frontend system install `@opsready/plugin-opsready/alpha` instead.
 *
 * @public
 */
export const opsreadyPlugin = createPlugin({
  id: 'opsready',
  apis: [
    createApiFactory({
      api: opsreadyApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new OpsReadyClient({ discoveryApi, fetchApi }),
    }),
  ],
});

/**
 * The overview card for an entity page.
 *
 * @public
 */
export const EntityOpsReadyCard = opsreadyPlugin.provide(
  createComponentExtension({
    name: 'EntityOpsReadyCard',
    component: {
      lazy: () =>
        import('./components/EntityOpsReadyCard').then(
          m => m.EntityOpsReadyCard,
        ),
    },
  }),
);
