import { Knex } from 'knex';

/** One column as the database describes it. */
interface ColumnShape {
  type: string;
  nullable: boolean;
  defaultValue: unknown;
  maxLength: unknown;
}

/**
 * What the plugin's tables look like: their columns (type, nullability,
 * default, length) and the names of their indexes, table by table. Two
 * snapshots are equal when a user would see the same schema. knex's own
 * bookkeeping tables and Backstage's scheduler tables are left out.
 */
export async function schemaSnapshot(
  knex: Knex,
): Promise<
  Record<string, { columns: Record<string, ColumnShape>; indexes: string[] }>
> {
  const tables = await tableNames(knex);
  const snapshot: Record<
    string,
    { columns: Record<string, ColumnShape>; indexes: string[] }
  > = {};
  for (const table of tables) {
    const info = await knex(table).columnInfo();
    const columns: Record<string, ColumnShape> = {};
    for (const name of Object.keys(info).sort()) {
      const { type, nullable, defaultValue, maxLength } = info[name];
      columns[name] = { type, nullable, defaultValue, maxLength };
    }
    snapshot[table] = { columns, indexes: await indexNames(knex, table) };
  }
  return snapshot;
}

const isPostgres = (knex: Knex) => knex.client.config.client === 'pg';

async function tableNames(knex: Knex): Promise<string[]> {
  const rows: Array<{ name: string }> = isPostgres(knex)
    ? (
        await knex.raw(
          `SELECT table_name AS name FROM information_schema.tables
           WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
        )
      ).rows
    : await knex.raw(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`,
      );
  return rows
    .map(r => r.name)
    .filter(name => name.startsWith('opsready_'))
    .sort();
}

async function indexNames(knex: Knex, table: string): Promise<string[]> {
  const rows: Array<{ name: string }> = isPostgres(knex)
    ? (
        await knex.raw(
          `SELECT indexname AS name FROM pg_indexes
           WHERE schemaname = current_schema() AND tablename = ?`,
          [table],
        )
      ).rows
    : await knex.raw(
        `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?`,
        [table],
      );
  return rows.map(r => r.name).sort();
}
