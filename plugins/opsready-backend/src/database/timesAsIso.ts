import { Knex } from 'knex';

const TIME_COLUMNS = new Set([
  'started_at',
  'finished_at',
  'commit_at',
  'occurred_at',
  'first_seen_at',
  'last_seen_at',
  'resolved_at',
  'received_at',
  'updated_at',
]);

/**
 * The columns of a list, its times as ISO 8601 text when the database is
 * PostgreSQL: it formats them faster than Node parses each into a Date and
 * formats it again. The times keep their column names, so a query that
 * selects this way orders by the table's columns (`table.column`): a bare
 * name would order by the text and miss the index.
 */
export function timesAsIso(
  db: Knex,
  table: string,
  columns: readonly string[],
  options: { prefix?: string } = {},
): Array<string | Knex.Raw> {
  const postgres = db.client.config.client === 'pg';
  const prefix = options.prefix ?? '';
  return columns.map(column =>
    postgres && TIME_COLUMNS.has(column)
      ? db.raw(
          `to_char(??.?? at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as ??`,
          [table, column, `${prefix}${column}`],
        )
      : `${table}.${column}${prefix ? ` as ${prefix}${column}` : ''}`,
  );
}
