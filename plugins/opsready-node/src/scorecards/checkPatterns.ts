/**
 * A check-id pattern as a test: `*` stands for any characters, anything
 * else is literal. Check ids are dotted names, not paths, so a glob library
 * (where `*` stops at `/` and `.` files are special) would only add rules
 * nobody writing `kubernetes.*` expects.
 */
export function checkIdPattern(pattern: string): (checkId: string) => boolean {
  if (!pattern.includes('*')) {
    return checkId => checkId === pattern;
  }
  const source = pattern
    .split('*')
    .map(part => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  const regex = new RegExp(`^${source}$`);
  return checkId => regex.test(checkId);
}

/** Whether a check id matches any of the patterns. */
export function matchesAnyPattern(
  patterns: ReadonlyArray<string>,
): (checkId: string) => boolean {
  const tests = patterns.map(checkIdPattern);
  return checkId => tests.some(test => test(checkId));
}
