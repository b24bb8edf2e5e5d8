import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { ReactElement } from 'react';
import { SWRConfig } from 'swr';
import { OpsReadyApi, opsreadyApiRef } from '../api/OpsReadyApi';
import { checkoutservice } from './testData';

/**
 * Renders an OpsReady view as the app would: an API, the user's
 * permissions (allowed or not), the entity in context and the catalog's
 * entity route mounted so links resolve.
 */
export function renderForEntity(
  element: ReactElement,
  options: { api: OpsReadyApi; allowed?: boolean; entity?: Entity },
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [opsreadyApiRef, options.api],
        [
          permissionApiRef,
          mockApis.permission({
            authorize: options.allowed
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
          }),
        ],
      ]}
    >
      {/* usePermission caches answers in SWR: each render starts afresh. */}
      <SWRConfig value={{ provider: () => new Map() }}>
        <EntityProvider entity={options.entity ?? checkoutservice}>
          {element}
        </EntityProvider>
      </SWRConfig>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}
