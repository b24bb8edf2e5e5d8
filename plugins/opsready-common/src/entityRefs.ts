import {
  CompoundEntityRef,
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';

/**
 * An entity ref as OpsReady keys and compares it everywhere: full
 * (`kind:namespace/name`) and in lower case, since the catalog compares refs
 * without regard to case. Takes an entity, a compound ref, or a ref string
 * with the defaults to fill in what the string leaves out.
 *
 * Throws, with the catalog's own message, for a string that is not an
 * entity ref.
 *
 * @public
 */
export function normalizeEntityRef(
  ref: string | Entity | CompoundEntityRef,
  defaults: { defaultKind?: string; defaultNamespace?: string } = {},
): string {
  const compound =
    typeof ref === 'string'
      ? parseEntityRef(ref, defaults)
      : 'metadata' in ref
      ? {
          kind: ref.kind,
          namespace: ref.metadata.namespace ?? 'default',
          name: ref.metadata.name,
        }
      : ref;
  return stringifyEntityRef(compound).toLocaleLowerCase('en-US');
}
