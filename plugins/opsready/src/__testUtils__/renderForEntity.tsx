import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  ApiRef,
  ExternalRouteRef,
  identityApiRef,
  RouteRef,
} from '@backstage/core-plugin-api';
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
import { rootRouteRef } from '../routes';
import { checkoutservice } from './testData';

/**
 * Renders an OpsReady view as the app would: an API, the user's
 * permissions (all, none, or the named ones) and groups, the entity in
 * context, and the catalog's entity route and the OpsReady page mounted so
 * links resolve.
 */
export function renderForEntity(
  element: ReactElement,
  options: {
    api: OpsReadyApi;
    /** Every permission, none, or only those named. */
    allowed?: boolean | string[];
    entity?: Entity;
    /** The signed-in user's ownership refs: their own and their groups'. */
    ownershipEntityRefs?: string[];
    /** Where the app is, e.g. `/opsready/campaigns`. */
    routeEntries?: string[];
    /** Further APIs, e.g. the scaffolder's. */
    apis?: ReadonlyArray<readonly [ApiRef<any>, any]>;
    /** Further routes the app mounts or binds, by path. */
    mountedRoutes?: Record<string, RouteRef | ExternalRouteRef>;
  },
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [opsreadyApiRef, options.api],
        [
          identityApiRef,
          mockApis.identity({
            userEntityRef: 'user:default/alan.turing',
            ownershipEntityRefs: options.ownershipEntityRefs ?? [
              'user:default/alan.turing',
            ],
          }),
        ],
        [
          permissionApiRef,
          mockApis.permission({
            authorize: request =>
              (
                Array.isArray(options.allowed)
                  ? options.allowed.includes(request.permission.name)
                  : options.allowed
              )
                ? AuthorizeResult.ALLOW
                : AuthorizeResult.DENY,
          }),
        ],
        ...(options.apis ?? []),
      ]}
    >
      {/* usePermission caches answers in SWR: each render starts afresh. */}
      <SWRConfig value={{ provider: () => new Map() }}>
        <EntityProvider entity={options.entity ?? checkoutservice}>
          {element}
        </EntityProvider>
      </SWRConfig>
    </TestApiProvider>,
    {
      routeEntries: options.routeEntries,
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/opsready': rootRouteRef,
        ...options.mountedRoutes,
      },
    },
  );
}
