import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { responseData } from '@opsready/plugin-opsready-common';
import { opsReadyClient } from '../lib/opsReadyClient';

const TIMEOUT_MS = 10_000;

/**
 * The digests the clusters run for the entity, by image, from the OpsReady
 * backend. Pinning images is the only fix that needs them, and it refuses
 * without them; so a failure here is a warning, never the end of the run.
 */
export async function runningDigests(options: {
  ref: CompoundEntityRef;
  discovery: DiscoveryService;
  auth: AuthService;
  credentials: BackstageCredentials;
  logger: LoggerService;
  timeoutMs?: number;
}): Promise<Record<string, string>> {
  const { ref, logger } = options;
  try {
    const { api, headers } = await opsReadyClient(options);
    const data = await responseData(
      api.GET('/entities/{kind}/{namespace}/{name}/running-images', {
        params: { path: ref },
        headers,
        signal: AbortSignal.timeout(options.timeoutMs ?? TIMEOUT_MS),
      }),
    );
    const digests: Record<string, string> = {};
    for (const item of (data as { items?: any[] })?.items ?? []) {
      if (typeof item?.image === 'string' && typeof item?.digest === 'string') {
        digests[item.image] = item.digest;
      }
    }
    return digests;
  } catch (error) {
    logger.warn(
      `Could not read the images the clusters run for ${ref.kind}:${
        ref.namespace
      }/${ref.name}; images are not pinned to digests: ${
        (error as Error)?.name === 'TimeoutError'
          ? 'no answer in time'
          : String((error as Error)?.message ?? error)
      }`,
    );
    return {};
  }
}
