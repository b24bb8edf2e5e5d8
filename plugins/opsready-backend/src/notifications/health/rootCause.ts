/**
 * The root cause of an entity being down: follow `dependsOn` to the down
 * dependency nothing else down explains. An entity none of whose
 * dependencies is down is its own root cause.
 *
 * - The nearest down dependency is followed first (breadth first, refs in
 *   order), so the answer does not depend on the catalog's order.
 * - Every entity is visited at most once per search, so cycles in
 *   `dependsOn` end the walk rather than loop it. A cycle of entities all
 *   down has no deeper cause: its root is the smallest ref in it, so every
 *   member of the cycle names the same one.
 */
export function findRootCause(
  start: string,
  graph: {
    dependsOn(ref: string): readonly string[];
    isDown(ref: string): boolean;
  },
): string {
  const chain: string[] = [start];
  let current = start;
  for (;;) {
    const next = nearestDownDependency(current, graph);
    if (next === undefined) return current;
    const loopsAt = chain.indexOf(next);
    if (loopsAt >= 0) {
      return [...chain.slice(loopsAt)].sort()[0];
    }
    chain.push(next);
    current = next;
  }
}

/** The nearest down entity `from` depends on, directly or not. */
function nearestDownDependency(
  from: string,
  graph: {
    dependsOn(ref: string): readonly string[];
    isDown(ref: string): boolean;
  },
): string | undefined {
  const seen = new Set([from]);
  let frontier = [from];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const ref of frontier) {
      for (const dependency of [...graph.dependsOn(ref)].sort()) {
        if (seen.has(dependency)) continue;
        seen.add(dependency);
        if (graph.isDown(dependency)) return dependency;
        next.push(dependency);
      }
    }
    frontier = next;
  }
  return undefined;
}
