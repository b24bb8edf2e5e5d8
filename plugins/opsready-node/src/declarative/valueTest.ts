import { shown } from './compiled';
import { Resolved } from './paths';
import { compilePattern } from './patterns';
import { DeclarativeValueTest } from './types';

/** How the values found at a path are judged, compiled once. */
export interface ValueTest {
  /** e.g. `exists`, `equals "production"`, `matches /^v\d/`. */
  describe: string;
  holds(found: Resolved): boolean;
}

/**
 * Compiles `exists` / `equals` / `matches` (at most one; none is `exists:
 * true`). With `[*]` in the path, every value found must satisfy it.
 */
export function compileValueTest(
  test: DeclarativeValueTest,
  key: string,
): ValueTest {
  const given = (['exists', 'equals', 'matches'] as const).filter(
    k => test[k] !== undefined,
  );
  if (given.length > 1) {
    throw new Error(
      `${key} may have only one of exists, equals and matches, got ${given.join(
        ', ',
      )}`,
    );
  }
  if (test.matches !== undefined) {
    const pattern = compilePattern(test.matches, `${key}.matches`);
    return {
      describe: `matches ${pattern}`,
      holds: found =>
        present(found) &&
        found.values.every(
          value =>
            (typeof value === 'string' || typeof value === 'number') &&
            pattern.test(String(value)),
        ),
    };
  }
  if (test.equals !== undefined) {
    const expected = test.equals;
    return {
      describe: `equals ${JSON.stringify(expected)}`,
      holds: found =>
        present(found) && found.values.every(value => value === expected),
    };
  }
  if (test.exists === false) {
    return { describe: 'is absent', holds: found => found.values.length === 0 };
  }
  return { describe: 'exists', holds: present };
}

function present(found: Resolved): boolean {
  return !found.missing && found.values.length > 0;
}

/** The values found, as evidence shows them: a few, cut short. */
export function foundValues(found: Resolved): unknown {
  if (found.values.length === 0) {
    return null;
  }
  if (found.values.length === 1) {
    return shown(found.values[0]);
  }
  return found.values.slice(0, 5).map(shown);
}
