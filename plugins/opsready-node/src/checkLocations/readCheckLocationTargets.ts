import { Config } from '@backstage/config';

const KEY = 'opsready.checks.locations';

function readTarget(location: Config, key: string): string {
  const target = location.getString('target');
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new Error(`${key}.target must be an absolute URL, got '${target}'`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`${key}.target must be an http or https URL`);
  }
  return target;
}

/**
 * The URL of each check location (`opsready.checks.locations`), in the
 * order configured; a mistake, or a location given twice, throws naming
 * the key.
 *
 * @public
 */
export function readCheckLocationTargets(root: Config): string[] {
  const targets: string[] = [];
  const locations = root.getOptionalConfigArray(KEY) ?? [];
  locations.forEach((location, i) => {
    const key = `${KEY}[${i}]`;
    const target = readTarget(location, key);
    const first = targets.indexOf(target);
    if (first >= 0) {
      throw new Error(
        `${key}.target is the same as ${KEY}[${first}].target; give each location once`,
      );
    }
    targets.push(target);
  });
  return targets;
}
