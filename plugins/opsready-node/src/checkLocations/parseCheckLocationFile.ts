import { parseDocument } from 'yaml';

/**
 * The items of a check location's file, not yet validated: the file is one
 * YAML document, a mapping whose `checks` key holds the list, so that the
 * file can grow other keys later. Throws naming the location when it does
 * not parse or has no such list.
 *
 * @public
 */
export function parseCheckLocationFile(
  text: string,
  target: string,
): unknown[] {
  let value: unknown;
  try {
    // logLevel 'error' keeps the parser from printing warnings; toJS throws
    // on alias bombs (more aliases than the default cap).
    const document = parseDocument(text, { logLevel: 'error' });
    if (document.errors.length > 0) {
      throw document.errors[0];
    }
    value = document.toJS();
  } catch (error) {
    throw new Error(
      `${target}: not valid YAML: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  const checks =
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as { checks?: unknown }).checks
      : undefined;
  if (!Array.isArray(checks)) {
    throw new Error(
      `${target}: checks: must be a list; the file is a mapping with a 'checks' key holding the list of checks`,
    );
  }
  return checks;
}
