import { Config } from '@backstage/config';
import {
  PLATFORM_GROUPS_CONFIG_KEY,
  parsePlatformGroups,
} from '@opsready/plugin-opsready-common';

/**
 * The groups who decide exemption requests, read as the OpsReady
 * permission policy reads them, so that requests go to exactly the people
 * the policy lets decide. A reference that is not a group stops the
 * backend at start-up, as it does the policy's.
 */
export function readPlatformGroups(config: Config): string[] {
  return parsePlatformGroups(
    config.getOptionalStringArray(PLATFORM_GROUPS_CONFIG_KEY) ?? [],
  );
}
