import { AuthService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { normalizeEntityRef } from '@opsready/plugin-opsready-common';
import { FactProvider, ServiceFacts } from '@opsready/plugin-opsready-node';
import { ownerRefOf } from '../lib/entityRefs';

/**
 * Facts from the catalog beyond the entity itself: whether its owner exists.
 * One catalog query per batch for all the owners in it.
 */
export class CatalogFactProvider implements FactProvider {
  readonly id = 'catalog';

  constructor(
    private readonly options: { catalog: CatalogService; auth: AuthService },
  ) {}

  async gather(
    entities: Entity[],
  ): Promise<Map<string, Partial<ServiceFacts>>> {
    const owners = [
      ...new Set(
        entities.map(ownerRefOf).filter((ref): ref is string => ref !== null),
      ),
    ];
    const existing = new Set<string>();
    if (owners.length > 0) {
      const { items } = await this.options.catalog.getEntitiesByRefs(
        {
          entityRefs: owners,
          fields: ['kind', 'metadata.namespace', 'metadata.name'],
        },
        { credentials: await this.options.auth.getOwnServiceCredentials() },
      );
      items.forEach((item, index) => {
        if (item) existing.add(owners[index]);
      });
    }
    const facts = new Map<string, Partial<ServiceFacts>>();
    for (const entity of entities) {
      const owner = ownerRefOf(entity);
      facts.set(normalizeEntityRef(entity), {
        catalog: { ownerExists: owner !== null && existing.has(owner) },
      });
    }
    return facts;
  }
}
