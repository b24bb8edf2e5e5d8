import { CheckDefinition } from '../../checks/types';
import { compileDeclarativeCheck } from '../compileDeclarativeCheck';
import { DeclarativeCheckSpec } from '../types';
import { declarativeCheckList } from './declarativeCheckSchema';

/**
 * Where each check id was written, e.g. `opsready.checks.declarative[2]`.
 *
 * @public
 */
export type CheckIdPlaces = ReadonlyMap<string, string>;

/**
 * Declarative checks compiled, and where each of their ids was written.
 *
 * @public
 */
export interface CompiledCheckSpecs {
  /** The checks, in the order they were written. */
  checks: CheckDefinition[];
  /** Where each check's id was written, by id. */
  places: Map<string, string>;
}

/**
 * The places of checks written in code: the built-in and module checks.
 *
 * @public
 */
export function placesOfCodeChecks(
  checks: ReadonlyArray<CheckDefinition>,
): Map<string, string> {
  return new Map(checks.map(c => [c.id, 'a built-in or module check']));
}

/** `[2].condition.file.matches` from a zod issue path. */
function keyOf(issuePath: ReadonlyArray<PropertyKey>): string {
  return issuePath
    .map(step => (typeof step === 'number' ? `[${step}]` : `.${String(step)}`))
    .join('');
}

/**
 * Validates a list of declarative checks given as plain data, wherever it
 * was written, and compiles each check once. `key` names the list in
 * messages: `opsready.checks.declarative` for app-config, `<url>: checks`
 * for a check location's file. A mistake throws naming the full key and
 * the reason, e.g. `<key>[2].condition.file.matches` is not a valid regular
 * expression; so does an id in `taken` or earlier in the list, naming
 * where it was written first.
 *
 * @public
 */
export function compileCheckSpecs(
  raw: unknown,
  options: { key: string; taken: CheckIdPlaces },
): CompiledCheckSpecs {
  const parsed = declarativeCheckList.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map(issue => {
      return `${options.key}${keyOf(issue.path)}: ${issue.message}`;
    });
    throw new Error(issues.join('; '));
  }
  const places = new Map<string, string>();
  const checks = parsed.data.map((spec, i) => {
    const key = `${options.key}[${i}]`;
    const holder = options.taken.get(spec.id) ?? places.get(spec.id);
    if (holder) {
      throw new Error(
        `${key}.id '${spec.id}' is already the id of ${holder}; choose another`,
      );
    }
    places.set(spec.id, key);
    return compileDeclarativeCheck(spec as DeclarativeCheckSpec, key);
  });
  return { checks, places };
}
