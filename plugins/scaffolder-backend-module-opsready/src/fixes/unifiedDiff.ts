import { createTwoFilesPatch } from 'diff';

/**
 * One unified diff of every changed file, as `git diff` shows it
 * (`a/` and `b/` prefixes, /dev/null for an added file).
 */
export function unifiedDiff(
  changes: Array<{ path: string; before?: string; after: string }>,
): string {
  return changes
    .map(({ path, before, after }) =>
      createTwoFilesPatch(
        before === undefined ? '/dev/null' : `a/${path}`,
        `b/${path}`,
        before ?? '',
        after,
        undefined,
        undefined,
        { context: 3 },
      ).replace(/^=+\n/, ''),
    )
    .join('');
}
