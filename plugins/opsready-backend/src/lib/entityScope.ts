import { Entity } from '@backstage/catalog-model';
import { EntityScope } from '../database/EvaluationsStore';

const stringOrNull = (value: unknown): string | null =>
  typeof value === 'string' ? value : null;

/** What scopes (`appliesTo`) read of an entity besides its kind. */
export function scopeOfEntity(entity: Entity): EntityScope {
  return {
    type: stringOrNull(entity.spec?.type),
    lifecycle: stringOrNull(entity.spec?.lifecycle),
    tags: (entity.metadata.tags ?? []).filter(
      (tag): tag is string => typeof tag === 'string',
    ),
  };
}

/**
 * An entity with only what scopes read, from the stored facts: enough for
 * `appliesToEntity`, which reads kind, spec.type, spec.lifecycle and
 * metadata.tags.
 */
export function entityOfScope(kind: string, scope: EntityScope): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name: '', tags: scope.tags },
    spec: {
      ...(scope.type === null ? {} : { type: scope.type }),
      ...(scope.lifecycle === null ? {} : { lifecycle: scope.lifecycle }),
    },
  };
}
