import { z } from 'zod/v3';
import { boundedJoin, truncate } from './boundedText';

/** The most of a value a message quotes: enough to recognise it, never a body. */
const QUOTED_VALUE = 40;

/**
 * One issue in words, with the values zod quotes ("received 'done'",
 * unrecognised keys) cut short.
 */
function issueText(issue: z.ZodIssue, pathOf: (issue: z.ZodIssue) => string) {
  let message = issue.message;
  if (issue.code === z.ZodIssueCode.invalid_enum_value) {
    message = message.replace(
      /received '([\s\S]*)'$/,
      (_all, value: string) => `received '${truncate(value, QUOTED_VALUE)}'`,
    );
  } else if (issue.code === z.ZodIssueCode.unrecognized_keys) {
    message = `Unrecognized key(s) in object: ${boundedJoin(
      issue.keys.map(key => `'${truncate(key, QUOTED_VALUE)}'`),
      ', ',
      200,
    )}`;
  }
  const path = pathOf(issue);
  return path ? `${path}: ${message}` : message;
}

/** `items.3.startedAt`, the path as the API's messages name a field. */
export const dottedPath = (issue: z.ZodIssue) => issue.path.join('.');

/**
 * Every issue of a failed parse as one short message: each issue bounded,
 * and those past about a thousand characters counted rather than listed.
 */
export function zodProblems(
  error: z.ZodError,
  pathOf: (issue: z.ZodIssue) => string = dottedPath,
): string {
  return boundedJoin(
    error.issues.map(issue => issueText(issue, pathOf)),
    '; ',
  );
}

/** A value quoted in a message the code writes itself, cut short. */
export function quoted(value: string): string {
  return `'${truncate(value, QUOTED_VALUE)}'`;
}
