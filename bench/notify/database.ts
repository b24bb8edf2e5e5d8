/*
 * A fresh database for one scenario, dropped at the end: PostgreSQL (from
 * POSTGRES_URL, else scripts/ensure-postgres.sh), or SQLite in a temporary
 * file with DATABASE=sqlite.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import knexFactory, { Knex } from 'knex';

export interface ScratchDatabase {
  client: Knex;
  /** `PostgreSQL` or `SQLite`, for the printout. */
  kind: string;
  drop(): Promise<void>;
}

function postgresUrl(): string {
  if (process.env.POSTGRES_URL) return process.env.POSTGRES_URL;
  const script = resolve(__dirname, '../../scripts/ensure-postgres.sh');
  return execFileSync(script, { encoding: 'utf8' }).trim();
}

export async function scratchDatabase(
  engine: 'postgres' | 'sqlite',
): Promise<ScratchDatabase> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'opsready-bench-notify-'));
    const client = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: join(dir, 'opsready.sqlite') },
      useNullAsDefault: true,
    });
    return {
      client,
      kind: 'SQLite',
      async drop() {
        await client.destroy();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const adminUrl = postgresUrl();
  const admin = knexFactory({ client: 'pg', connection: adminUrl });
  const name = `opsready_bench_notify_${randomBytes(4).toString('hex')}`;
  await admin.raw('CREATE DATABASE ??', [name]);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const client = knexFactory({ client: 'pg', connection: url.toString() });
  return {
    client,
    kind: 'PostgreSQL',
    async drop() {
      await client.destroy();
      await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [name]);
      await admin.destroy();
    },
  };
}
