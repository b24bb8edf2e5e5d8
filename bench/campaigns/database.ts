/*
 * The benchmark's database: `opsready_bench_campaigns` on PostgreSQL (from
 * POSTGRES_URL, else scripts/ensure-postgres.sh), created afresh each run
 * and dropped at its end (KEEP_DATABASE=1 keeps it to look into); or, with
 * DATABASE=sqlite, a temporary SQLite file.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import knexFactory, { Knex } from 'knex';

const NAME = 'opsready_bench_campaigns';

export interface BenchDatabase {
  client: Knex;
  /** `PostgreSQL` or `SQLite`, for the printout. */
  kind: string;
  /** Brings the planner's statistics up to date after seeding. */
  analyze(): Promise<void>;
  drop(): Promise<void>;
}

function postgresUrl(): string {
  if (process.env.POSTGRES_URL) return process.env.POSTGRES_URL;
  const script = resolve(__dirname, '../../scripts/ensure-postgres.sh');
  return execFileSync(script, { encoding: 'utf8' }).trim();
}

async function sqlite(): Promise<BenchDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'opsready-bench-campaigns-'));
  const client = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: join(dir, 'opsready.sqlite') },
    useNullAsDefault: true,
  });
  return {
    client,
    kind: 'SQLite',
    analyze: async () => {
      await client.raw('ANALYZE');
    },
    async drop() {
      await client.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function postgres(keep: boolean): Promise<BenchDatabase> {
  const adminUrl = postgresUrl();
  const admin = knexFactory({ client: 'pg', connection: adminUrl });
  await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [NAME]);
  await admin.raw('CREATE DATABASE ??', [NAME]);
  const url = new URL(adminUrl);
  url.pathname = `/${NAME}`;
  const client = knexFactory({ client: 'pg', connection: url.toString() });
  return {
    client,
    kind: 'PostgreSQL',
    analyze: async () => {
      await client.raw('VACUUM ANALYZE');
    },
    async drop() {
      await client.destroy();
      if (!keep) {
        await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [NAME]);
      }
      await admin.destroy();
    },
  };
}

export function benchDatabase(
  engine: 'postgres' | 'sqlite',
  options: { keep: boolean },
): Promise<BenchDatabase> {
  return engine === 'sqlite' ? sqlite() : postgres(options.keep);
}
