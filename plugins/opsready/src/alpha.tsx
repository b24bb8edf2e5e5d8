import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { opsreadyApiRef } from './api/OpsReadyApi';
import { OpsReadyClient } from './api/OpsReadyClient';

const opsreadyApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: opsreadyApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new OpsReadyClient({ discoveryApi, fetchApi }),
    }),
});

const entityOpsReadyCard = EntityCardBlueprint.make({
  name: 'overview',
  params: {
    filter: { kind: 'component' },
    loader: () =>
      import('./components/EntityOpsReadyCard').then(m => (
        <m.EntityOpsReadyCard />
      )),
  },
});

/**
 * OpsReady for apps on Backstage's new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'opsready',
  extensions: [opsreadyApi, entityOpsReadyCard],
});
