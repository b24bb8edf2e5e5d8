import { InputError } from '@backstage/errors';

/**
 * Keyset paging over a list made of segments one after the other (open
 * entities, then exempt, then done): each segment is read in its own key
 * order, which an index serves, where one query ordered by segment and key
 * could not start at the cursor. A cursor names the segment and the key of
 * the last item served.
 */
export interface Segments<Row> {
  /** The segments, in the list's order. */
  names: readonly string[];
  /** How many strings a key has. */
  keyLength: number;
  /** Up to `limit` rows of a segment, in key order, after `after` if given. */
  read(
    segment: string,
    after: string[] | undefined,
    limit: number,
  ): Promise<Row[]>;
  keyOf(row: Row): string[];
}

/** The error for a cursor this list did not give. */
export const notACursor = () =>
  new InputError('Invalid query: cursor: not a cursor of this list');

function encode(segment: string, key: string[]): string {
  return Buffer.from(JSON.stringify([segment, ...key]), 'utf8').toString(
    'base64url',
  );
}

function decode(
  cursor: string,
  names: readonly string[],
  keyLength: number,
): { segment: number; key: string[] } {
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw notACursor();
  }
  if (
    !Array.isArray(parts) ||
    parts.length !== keyLength + 1 ||
    !parts.every(part => typeof part === 'string')
  ) {
    throw notACursor();
  }
  const [name, ...key] = parts as string[];
  const segment = names.indexOf(name);
  if (segment < 0) throw notACursor();
  return { segment, key };
}

/** A page of `limit` rows after `cursor`, and the cursor of the next. */
export async function readSegmentedPage<Row>(
  segments: Segments<Row>,
  page: { cursor?: string; limit: number },
): Promise<{ rows: Row[]; nextCursor?: string }> {
  const start = page.cursor
    ? decode(page.cursor, segments.names, segments.keyLength)
    : { segment: 0, key: undefined };
  // One row more than the page: it says there is a next page.
  const read: Array<{ segment: string; row: Row }> = [];
  for (let i = start.segment; i < segments.names.length; i++) {
    const segment = segments.names[i];
    const rows = await segments.read(
      segment,
      i === start.segment ? start.key : undefined,
      page.limit + 1 - read.length,
    );
    read.push(...rows.map(row => ({ segment, row })));
    if (read.length > page.limit) break;
  }
  const served = read.slice(0, page.limit);
  const last = served[served.length - 1];
  return {
    rows: served.map(r => r.row),
    ...(read.length > page.limit && last
      ? { nextCursor: encode(last.segment, segments.keyOf(last.row)) }
      : {}),
  };
}
