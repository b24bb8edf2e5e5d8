import { Entity, RELATION_OWNED_BY } from '@backstage/catalog-model';
import { normalizeEntityRef } from '@opsready/plugin-opsready-common';

/**
 * The full ref of an entity's owner: from the catalog's `ownedBy` relation
 * when it has been computed, else from `spec.owner` with the catalog's
 * defaults (kind group, the entity's namespace). Null when there is none, or
 * when what is there is not an entity ref.
 */
export function ownerRefOf(entity: Entity): string | null {
  const relation = entity.relations?.find(r => r.type === RELATION_OWNED_BY);
  const owner = relation?.targetRef ?? entity.spec?.owner;
  if (typeof owner !== 'string' || owner.trim() === '') {
    return null;
  }
  try {
    return normalizeEntityRef(owner, {
      defaultKind: 'group',
      defaultNamespace: entity.metadata.namespace ?? 'default',
    });
  } catch {
    return null;
  }
}
