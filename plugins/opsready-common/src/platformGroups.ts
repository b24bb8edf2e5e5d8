import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

/**
 * Where the platform groups are configured: the groups that decide
 * exemptions and may act on every entity under the OpsReady policy.
 *
 * @public
 */
export const PLATFORM_GROUPS_CONFIG_KEY = 'opsready.permissions.platformGroups';

/**
 * The configured platform groups as normalised group references (a bare
 * name is a group in the default namespace; lower case, as the catalog
 * compares them). The policy and the notifications read them alike, so
 * exemption requests go to exactly the people the policy lets decide. A
 * reference that is not a group throws, naming the key, since it would
 * otherwise grant nothing silently.
 *
 * @public
 */
export function parsePlatformGroups(values: string[]): string[] {
  const key = PLATFORM_GROUPS_CONFIG_KEY;
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
