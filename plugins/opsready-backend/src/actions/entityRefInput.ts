import { InputError } from '@backstage/errors';
import { normalizeEntityRef } from '@opsready/plugin-opsready-common';

/**
 * An action's `entityRef` input as the catalog names the entity: a bare
 * name is a component of the default namespace, as in the API's gate.
 */
export function entityRefInput(raw: string): string {
  try {
    return normalizeEntityRef(raw, {
      defaultKind: 'component',
      defaultNamespace: 'default',
    });
  } catch {
    throw new InputError(
      'entityRef is not an entity ref, e.g. component:default/cartservice',
    );
  }
}
