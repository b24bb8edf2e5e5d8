import { CompoundEntityRef, parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { FIXABLE_CHECKS } from '@opsready/plugin-opsready-common';

const ENTITY_REF_PART = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

/** The entity ref of a fix action's input, each part safe in a URL path. */
export function parseFixEntityRef(value: string): CompoundEntityRef {
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
      `entityRef has '${bad}' in it, which is not a valid kind, namespace or name`,
    );
  }
  return ref;
}

/** The checks to fix: at least one, each fixable, each once. */
export function parseFixCheckIds(checkIds: unknown): string[] {
  if (!Array.isArray(checkIds) || checkIds.length === 0) {
    throw new InputError('checkIds must name at least one check to fix');
  }
  const unknown = checkIds.filter(
    id => typeof id !== 'string' || !FIXABLE_CHECKS.includes(id),
  );
  if (unknown.length > 0) {
    throw new InputError(
      `checkIds: ${unknown
        .map(id => `'${String(id).slice(0, 80)}'`)
        .join(
          ', ',
        )} cannot be fixed here; the fixable checks are ${FIXABLE_CHECKS.join(
        ', ',
      )}`,
    );
  }
  return [...new Set(checkIds as string[])];
}
