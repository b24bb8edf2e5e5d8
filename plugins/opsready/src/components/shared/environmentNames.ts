/**
 * The environments named in these lists (of names, or of items with an
 * environment), each once, in alphabetical order.
 */
export function environmentNames(
  ...lists: ReadonlyArray<ReadonlyArray<string | { environment: string }>>
): string[] {
  const names = new Set<string>();
  for (const list of lists) {
    for (const item of list) {
      names.add(typeof item === 'string' ? item : item.environment);
    }
  }
  return [...names].sort();
}
