import { InputError } from '@backstage/errors';
import { Knex } from 'knex';
import { DbTime, iso } from './dbValues';
import { Page } from './types';
import { quoted } from '../lib/zodProblems';

/** A cursor is the sort key of the last item served: time and id. */
export function encodeCursor(at: DbTime, id: string): string {
  return Buffer.from(`${iso(at)}|${id}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): { at: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const date = new Date(at);
  if (!id || Number.isNaN(date.getTime())) {
    throw new InputError(
      `Invalid query: cursor: ${quoted(cursor)} is not a cursor`,
    );
  }
  return { at: date, id };
}

/**
 * Keyset paging, newest first: rows strictly after the cursor. The bare
 * `column <= at` says the same as the OR beside it, but it is what lets
 * SQLite and PostgreSQL start the index scan at the cursor: the OR alone is
 * only a filter, and a page deep in a long history would then read every
 * newer row first.
 */
export function afterCursor(
  query: Knex.QueryBuilder,
  column: string,
  cursor: string | undefined,
  idColumn: string = 'id',
): void {
  if (!cursor) return;
  const { at, id } = decodeCursor(cursor);
  query
    .where(column, '<=', at)
    .where(q => q.where(column, '<', at).orWhere(idColumn, '<', id));
}

/**
 * A page of `limit` items from `limit + 1` rows read: the extra row says
 * there is a next page, which starts after the last item served.
 */
export function toPage<Row extends { id: string }, T>(
  rows: Row[],
  limit: number,
  timeOf: (row: Row) => DbTime,
  map: (row: Row) => T,
): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items: items.map(map),
    ...(rows.length > limit && last
      ? { nextCursor: encodeCursor(timeOf(last), last.id) }
      : {}),
  };
}
