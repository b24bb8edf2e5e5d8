import { AuthService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

/**
 * Every Component in the catalog, read page by page with only what names it
 * and its annotations: all that the sweeps driven by annotations need of an
 * entity.
 */
export async function* componentsWithAnnotations(
  catalog: CatalogService,
  auth: AuthService,
): AsyncGenerator<Entity> {
  const credentials = await auth.getOwnServiceCredentials();
  for await (const page of catalog.streamEntities(
    {
      filter: { kind: 'Component' },
      fields: [
        'kind',
        'metadata.namespace',
        'metadata.name',
        'metadata.annotations',
      ],
      pageSize: 500,
    },
    { credentials },
  )) {
    yield* page;
  }
}
