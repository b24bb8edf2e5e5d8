/*
 * Error messages are built from what a caller sent (a field's value, a
 * parser's account of a body). They are kept short, so that an error reply
 * stays small whatever the request held and never carries it back.
 */

/** The longest message an error reply carries. */
export const MAX_MESSAGE_LENGTH = 1000;

/** The text, cut to `max` characters with an ellipsis when longer. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * Parts joined by `separator` up to about `max` characters; those that do
 * not fit are counted ("and 497 more"), not listed.
 */
export function boundedJoin(
  parts: string[],
  separator: string,
  max: number = MAX_MESSAGE_LENGTH,
): string {
  const kept: string[] = [];
  let length = 0;
  for (const part of parts) {
    const piece = truncate(part, Math.min(300, max));
    if (kept.length > 0 && length + separator.length + piece.length > max) {
      break;
    }
    kept.push(piece);
    length += (kept.length > 1 ? separator.length : 0) + piece.length;
  }
  const left = parts.length - kept.length;
  return left > 0
    ? `${kept.join(separator)}${separator}and ${left} more`
    : kept.join(separator);
}
