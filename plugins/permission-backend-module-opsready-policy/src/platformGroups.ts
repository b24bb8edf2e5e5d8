import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';

/**
 * Reads opsready.permissions.platformGroups as normalised group references
 * (lower case, as the catalog compares them). A reference that is not a
 * group fails start-up, since it would otherwise grant nothing silently.
 *
 * @public
 */
export function readPlatformGroups(config: Config): string[] {
  const key = 'opsready.permissions.platformGroups';
  const values = config.getOptionalStringArray(key) ?? [];
  return values.map((value, index) => {
    let ref;
    try {
      ref = parseEntityRef(value, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      });
    } catch {
      throw new Error(
        `Invalid ${key}[${index}]: '${value}' is not an entity reference, e.g. group:default/platform`,
      );
    }
    if (ref.kind.toLocaleLowerCase('en-US') !== 'group') {
      throw new Error(
        `Invalid ${key}[${index}]: '${value}' is a ${ref.kind}, not a group`,
      );
    }
    return stringifyEntityRef(ref).toLocaleLowerCase('en-US');
  });
}
