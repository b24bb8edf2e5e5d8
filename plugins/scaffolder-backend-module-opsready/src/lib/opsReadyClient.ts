import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { createOpsReadyApiClient } from '@opsready/plugin-opsready-common';

/**
 * The generated OpsReady client with a token for the given credentials
 * (the task's initiator, so that the backend checks their permissions, or
 * this scaffolder's own).
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

/**
 * Records something in OpsReady as this scaffolder (the policy keeps event
 * records to services), within `timeoutMs` and the task's own signal. A
 * refusal says the backend's reason; no answer says why:
 * "OpsReady refused to record `what`: 403 …", "Could not record `what` in
 * OpsReady: no answer within 10000 ms".
 */
export async function recordInOpsReady<T>(options: {
  discovery: DiscoveryService;
  auth: AuthService;
  timeoutMs: number;
  signal?: AbortSignal;
  /** What is recorded, e.g. "the provisioning of component:default/cart". */
  what: string;
  call: (
    api: ReturnType<typeof createOpsReadyApiClient>,
    init: { headers: Record<string, string>; signal: AbortSignal },
  ) => Promise<T>;
}): Promise<T> {
  const { discovery, auth, timeoutMs, what } = options;
  const signals = [AbortSignal.timeout(timeoutMs)];
  if (options.signal) {
    signals.push(options.signal);
  }
  try {
    const { api, headers } = await opsReadyClient({
      discovery,
      auth,
      credentials: await auth.getOwnServiceCredentials(),
    });
    return await options.call(api, {
      headers,
      signal: AbortSignal.any(signals),
    });
  } catch (error) {
    if (error instanceof ResponseError) {
      // The backend's own reason, when it sent one in its error body.
      const reason = error.body?.error?.message || error.message;
      throw new Error(
        `OpsReady refused to record ${what}: ${error.statusCode} ${reason}`,
      );
    }
    const reason =
      (error as Error)?.name === 'TimeoutError'
        ? `no answer within ${timeoutMs} ms`
        : String((error as Error)?.message ?? error);
    throw new Error(`Could not record ${what} in OpsReady: ${reason}`);
  }
}
