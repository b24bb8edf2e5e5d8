import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';

const KEY = 'opsready.permissions.platformGroups';

/**
 * The groups who decide exemption requests, from the key the OpsReady
 * permission policy reads them from, and normalised as it normalises them
 * (a bare name is a group in the default namespace; lower case), so that
 * requests go to exactly the people the policy lets decide. A reference that
 * is not a group stops the backend at start-up, as it does the policy's.
 */
export function readPlatformGroups(config: Config): string[] {
  const values = config.getOptionalStringArray(KEY) ?? [];
  return values.map((value, index) => {
    let ref;
    try {
      ref = parseEntityRef(value, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      });
    } catch {
      throw new Error(
        `Invalid ${KEY}[${index}]: '${value}' is not an entity reference, e.g. group:default/platform`,
      );
    }
    if (ref.kind.toLocaleLowerCase('en-US') !== 'group') {
      throw new Error(
        `Invalid ${KEY}[${index}]: '${value}' is a ${ref.kind}, not a group`,
      );
    }
    return stringifyEntityRef(ref).toLocaleLowerCase('en-US');
  });
}
