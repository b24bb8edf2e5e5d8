/**
 * Whether two strings are equal ignoring case, as OpsReady compares
 * lifecycles and types (`Production` is `production`). Equal strings are
 * equal ignoring case too, so the usual case is answered without case
 * folding, which costs many times a comparison and runs for several checks
 * of every service.
 */
export function equalIgnoringCase(a: string, b: string): boolean {
  return (
    a === b || a.toLocaleLowerCase('en-US') === b.toLocaleLowerCase('en-US')
  );
}
