import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  createOpsReadyApiClient,
  OpsReadyApiClient,
} from '@opsready/plugin-opsready-common';

/** Opens the typed client; asked per request, as the backend may move. */
export type OpenApiClient = () => Promise<OpsReadyApiClient>;

/**
 * The typed client for where discovery says the backend is now, sending
 * every request through the app's fetch API so the user's token goes along.
 */
export function openApiClient(options: {
  discoveryApi: DiscoveryApi;
  fetchApi: FetchApi;
}): OpenApiClient {
  const { discoveryApi, fetchApi } = options;
  return async () =>
    createOpsReadyApiClient({
      baseUrl: await discoveryApi.getBaseUrl('opsready'),
      fetch: (url, init) => fetchApi.fetch(url, init),
      toError: response => ResponseError.fromResponse(response),
    });
}
