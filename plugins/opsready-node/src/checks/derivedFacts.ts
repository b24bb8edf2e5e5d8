import { ServiceFacts } from './types';

/*
 * Several checks derive the same things from the facts of a service: the
 * workloads on each side, the declared health endpoints. Deriving them once
 * per evaluation rather than once per check is most of what a fleet-wide
 * run can save.
 *
 * What is derived is kept for one `evaluateChecks` call only, and only for
 * the facts object that call was given: facts are plain data a caller may
 * change between calls, so nothing derived may outlive the call. A check
 * run outside `evaluateChecks` (as the checks' own tests run them) derives
 * everything afresh.
 */

interface Scope {
  facts: ServiceFacts;
  values: Map<(facts: ServiceFacts) => unknown, unknown>;
}

let current: Scope | undefined;

/** Runs `evaluate` with what is derived from `facts` kept until it returns. */
export function withDerivedFacts<T>(facts: ServiceFacts, evaluate: () => T): T {
  const previous = current;
  current = { facts, values: new Map() };
  try {
    return evaluate();
  } finally {
    current = previous;
  }
}

/**
 * `derive(facts)`, computed once per evaluation of these facts. `derive` is
 * the key, so it must be a function defined once (at module level), and
 * what it returns must be treated as read-only by every check that asks.
 */
export function derived<T>(
  facts: ServiceFacts,
  derive: (facts: ServiceFacts) => T,
): T {
  const scope = current;
  if (scope === undefined || scope.facts !== facts) {
    return derive(facts);
  }
  // One lookup when it was derived already (nearly every call), two only
  // for what derives to undefined.
  const known = scope.values.get(derive);
  if (known !== undefined || scope.values.has(derive)) {
    return known as T;
  }
  const value = derive(facts);
  scope.values.set(derive, value);
  return value;
}
