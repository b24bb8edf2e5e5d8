import { CompoundEntityRef, parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

const ENTITY_REF_PART = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

/**
 * The entity ref of an action's input (kind component and namespace default
 * unless given). Each part becomes a URL path segment of an OpsReady route:
 * '..' or '/' has no business in an entity ref, and is refused rather than
 * encoded.
 */
export function parseEntityRefInput(value: string): CompoundEntityRef {
  let ref;
  try {
    ref = parseEntityRef(value, {
      defaultKind: 'component',
      defaultNamespace: 'default',
    });
  } catch {
    throw new InputError(
      `entityRef '${value}' is not an entity ref such as component:default/cart`,
    );
  }
  const bad = [ref.kind, ref.namespace, ref.name].find(
    part => !ENTITY_REF_PART.test(part) || part.includes('..'),
  );
  if (bad !== undefined) {
    throw new InputError(
      `entityRef '${value}' has '${bad}' in it, which is not a valid kind, namespace or name`,
    );
  }
  return ref;
}
