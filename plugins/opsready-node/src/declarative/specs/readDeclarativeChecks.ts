import { Config } from '@backstage/config';
import {
  CheckIdPlaces,
  compileCheckSpecs,
  CompiledCheckSpecs,
} from './compileCheckSpecs';

const KEY = 'opsready.checks.declarative';

/**
 * Reads `opsready.checks.declarative`, validates it and compiles each check
 * once. A mistake stops start-up naming the full key and the reason, e.g.
 * `opsready.checks.declarative[2].condition.file.matches` is not a valid
 * regular expression; so does an id already `taken` (by a built-in or
 * module check) or given to an earlier declarative check.
 *
 * @public
 */
export function readDeclarativeChecks(
  root: Config,
  taken: CheckIdPlaces,
): CompiledCheckSpecs {
  const raw = root.getOptional('opsready.checks.declarative');
  if (raw === undefined) {
    return { checks: [], places: new Map() };
  }
  return compileCheckSpecs(raw, { key: KEY, taken });
}
