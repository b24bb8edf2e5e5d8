import { Config } from '@backstage/config';
import {
  PLATFORM_GROUPS_CONFIG_KEY,
  parsePlatformGroups,
} from '@opsready/plugin-opsready-common';

/**
 * Reads opsready.permissions.platformGroups as normalised group references
 * (lower case, as the catalog compares them). A reference that is not a
 * group fails start-up, since it would otherwise grant nothing silently.
 *
 * @public
 */
export function readPlatformGroups(config: Config): string[] {
  return parsePlatformGroups(
    config.getOptionalStringArray(PLATFORM_GROUPS_CONFIG_KEY) ?? [],
  );
}
