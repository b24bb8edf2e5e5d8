import {
  Entity,
  parseEntityRef,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';

/** Entity refs as the store keeps them: full, in lower case. */
export function normalizeRef(ref: string): string {
  return ref.toLocaleLowerCase('en-US');
}

/**
 * The full ref of an entity's owner: from the catalog's `ownedBy` relation
 * when it has been computed, else from `spec.owner` with the catalog's
 * defaults (kind group, the entity's namespace).
 */
export function ownerRefOf(entity: Entity): string | null {
  const relation = entity.relations?.find(r => r.type === RELATION_OWNED_BY);
  if (relation) {
    return normalizeRef(relation.targetRef);
  }
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || owner.trim() === '') {
    return null;
  }
  try {
    return normalizeRef(
      stringifyEntityRef(
        parseEntityRef(owner, {
          defaultKind: 'group',
          defaultNamespace: entity.metadata.namespace ?? 'default',
        }),
      ),
    );
  } catch {
    return null;
  }
}
