import { declarativeLimits } from './types';

/** A step of a path: a key, an index, or `ALL` for `[*]`. */
export type Step = string | number | typeof ALL;
export const ALL = Symbol('all');

/**
 * Parses `a.b[0].c[*]["x.y/z"]` into steps. Throws naming `key` when the
 * path is empty, too long or malformed.
 */
export function parsePath(text: string, key: string): Step[] {
  if (typeof text !== 'string' || text.length === 0) {
    throw new Error(`${key} must be a non-empty path such as spec.owner`);
  }
  if (text.length > declarativeLimits.pathLength) {
    throw new Error(
      `${key} is longer than ${declarativeLimits.pathLength} characters`,
    );
  }
  const steps: Step[] = [];
  let i = 0;
  const fail = (what: string): never => {
    throw new Error(
      `${key} is not a valid path (${what} at character ${i + 1}): ${text}`,
    );
  };
  while (i < text.length) {
    if (text[i] === '[') {
      const close = text.indexOf(']', i);
      if (close < 0) fail('unclosed [');
      const inside = text.slice(i + 1, close);
      if (inside === '*') {
        steps.push(ALL);
      } else if (/^\d+$/.test(inside)) {
        steps.push(Number(inside));
      } else if (/^"[^"]+"$/.test(inside) || /^'[^']+'$/.test(inside)) {
        steps.push(inside.slice(1, -1));
      } else {
        fail('expected [n], [*] or ["key"]');
      }
      i = close + 1;
    } else {
      if (steps.length > 0) {
        if (text[i] !== '.') fail('expected . or [');
        i += 1;
      }
      const match = /^[^.[\]"']+/.exec(text.slice(i));
      if (!match) fail('expected a name');
      steps.push(match![0]);
      i += match![0].length;
    }
  }
  return steps;
}

/**
 * The values at a path. `[*]` takes every item, so the values are those of
 * all branches; `missing` is set when any branch ends early (or a `[*]`
 * meets an empty or non-list value), so that "every container has limits"
 * fails when one container has none.
 */
export interface Resolved {
  values: unknown[];
  missing: boolean;
}

export function resolvePath(root: unknown, steps: Step[]): Resolved {
  const found: Resolved = { values: [], missing: false };
  walk(root, steps, 0, found);
  return found;
}

function walk(value: unknown, steps: Step[], at: number, found: Resolved) {
  if (value === undefined || value === null) {
    found.missing = true;
    return;
  }
  if (at === steps.length) {
    found.values.push(value);
    return;
  }
  const step = steps[at];
  if (step === ALL) {
    if (!Array.isArray(value) || value.length === 0) {
      found.missing = true;
      return;
    }
    for (let i = 0; i < value.length; i++) {
      walk(value[i], steps, at + 1, found);
    }
    return;
  }
  if (typeof value !== 'object') {
    found.missing = true;
    return;
  }
  walk((value as Record<string | number, unknown>)[step], steps, at + 1, found);
}
