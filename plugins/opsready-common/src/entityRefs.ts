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
  return stringifyEntityRef(toCompound(ref, defaults)).toLocaleLowerCase(
    'en-US',
  );
}

function toCompound(
  ref: string | Entity | CompoundEntityRef,
  defaults: { defaultKind?: string; defaultNamespace?: string },
): CompoundEntityRef {
  if (typeof ref === 'string') {
    return parseEntityRef(ref, defaults);
  }
  if ('metadata' in ref) {
    return {
      kind: ref.kind,
      namespace: ref.metadata.namespace ?? 'default',
      name: ref.metadata.name,
    };
  }
  return ref;
}
