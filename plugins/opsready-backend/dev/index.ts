import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

// Runs the OpsReady backend plugin alone (`yarn start` in this directory),
// with mock auth and a small mock catalog. Try:
//
//   curl http://localhost:7007/api/opsready/checks
//   curl http://localhost:7007/api/opsready/entities/component/default/sample/checks
//   curl -X POST http://localhost:7007/api/opsready/entities/component/default/sample/refresh

const backend = createBackend();

backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(
  catalogServiceMock.factory({
    entities: [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'sample', description: 'A sample service.' },
        spec: { type: 'service', lifecycle: 'experimental', owner: 'me' },
      },
    ],
  }),
);
backend.add(import('../src'));

backend.start();
