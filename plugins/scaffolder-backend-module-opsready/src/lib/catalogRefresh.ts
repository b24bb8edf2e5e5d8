import {
  BackstageCredentials,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import {
  CatalogService,
  locationSpecToMetadataName,
} from '@backstage/plugin-catalog-node';
import { resolve, sep } from 'node:path';

/**
 * The refs of the `file` locations in app-config's `catalog.locations` whose
 * target lies under a directory (e.g. `.data/repositories/*\/catalog-info.yaml`).
 *
 * Computed from config with the catalog's own naming rule rather than looked
 * up in the catalog: a glob location that matched no file when the catalog
 * started is stored with a processing error and never listed as an entity,
 * yet it can be refreshed.
 */
export function fileLocationRefsUnder(
  config: RootConfigService,
  directory: string,
): string[] {
  const locations = config.getOptionalConfigArray('catalog.locations') ?? [];
  return locations
    .filter(location => location.getString('type') === 'file')
    .map(location => resolve(location.getString('target')))
    .filter(target => target.startsWith(directory + sep))
    .map(
      target =>
        `location:default/${locationSpecToMetadataName({
          type: 'file',
          target,
        })}`,
    );
}

/**
 * Asks the catalog to read again the `file` locations that cover a
 * directory, so that a repository just written there shows up in seconds
 * rather than at the next processing round. Returns the refs refreshed.
 */
export async function refreshFileLocationsUnder(options: {
  directory: string;
  config: RootConfigService;
  catalog: CatalogService;
  credentials: BackstageCredentials;
}): Promise<string[]> {
  const { directory, config, catalog, credentials } = options;
  const refs = fileLocationRefsUnder(config, directory);
  for (const ref of refs) {
    await catalog.refreshEntity(ref, { credentials });
  }
  return refs;
}
