import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { createOpsReadyApiClient } from '@opsready/plugin-opsready-common';

/**
 * The generated OpsReady client with a token for the given credentials
 * (the task's initiator, so that the backend checks their permissions).
 */
export async function opsReadyClient(options: {
  discovery: DiscoveryService;
  auth: AuthService;
  credentials: BackstageCredentials;
}) {
  const { discovery, auth, credentials } = options;
  const baseUrl = await discovery.getBaseUrl('opsready');
  const { token } = await auth.getPluginRequestToken({
    onBehalfOf: credentials,
    targetPluginId: 'opsready',
  });
  return {
    api: createOpsReadyApiClient({
      baseUrl,
      toError: response => ResponseError.fromResponse(response),
    }),
    headers: { authorization: `Bearer ${token}` },
  };
}
