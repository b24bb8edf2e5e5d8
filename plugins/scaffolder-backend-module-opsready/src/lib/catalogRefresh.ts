import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { sep } from 'node:path';

/**
 * Asks the catalog to read again the `file` locations that cover a
 * directory (e.g. `.data/repositories/*\/catalog-info.yaml` in
 * app-config), so that a repository just written there shows up in
 * seconds rather than at the next processing round. Returns the refs of
 * the locations refreshed.
 */
export async function refreshFileLocationsUnder(options: {
  directory: string;
  catalog: CatalogService;
  credentials: BackstageCredentials;
}): Promise<string[]> {
  const { directory, catalog, credentials } = options;
  const { items } = await catalog.getEntities(
    {
      filter: { kind: 'Location', 'spec.type': 'file' },
      fields: ['kind', 'metadata.name', 'metadata.namespace', 'spec'],
    },
    { credentials },
  );
  const covering = items.filter(location => {
    const targets = [
      location.spec?.target,
      ...((location.spec?.targets as unknown[]) ?? []),
    ].filter((t): t is string => typeof t === 'string');
    return targets.some(t => t.startsWith(directory + sep));
  });
  const refs = covering.map(location => stringifyEntityRef(location));
  for (const ref of refs) {
    await catalog.refreshEntity(ref, { credentials });
  }
  return refs;
}
