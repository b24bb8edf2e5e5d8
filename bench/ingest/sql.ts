/*
 * SQL straight to the benchmark's PostgreSQL database, through psql (which
 * run.sh needs anyway to create and drop the database): the counts after the
 * load, the bulk fill of the read side and the query plans. The backend
 * keeps each plugin in a schema of its own; OpsReady's tables are in
 * `opsready`.
 */
import { execFile } from 'node:child_process';

const url = process.env.BENCH_INGEST_DATABASE_URL;

/** Runs SQL (one or more statements); the rows of the last, tab-separated. */
export function sql(text: string, timeoutMs = 30 * 60_000): Promise<string> {
  if (!url) {
    return Promise.reject(
      new Error('BENCH_INGEST_DATABASE_URL is not set (run.sh sets it)'),
    );
  }
  return new Promise((resolve, reject) => {
    const child = execFile(
      'psql',
      ['-X', '-q', '-tA', '-F', '\t', '-v', 'ON_ERROR_STOP=1', '-d', url],
      { maxBuffer: 256 * 1024 * 1024, timeout: timeoutMs },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`psql: ${stderr.trim() || error.message}`));
        } else {
          resolve(stdout.trim());
        }
      },
    );
    child.stdin!.end(`SET search_path TO opsready;\n${text}\n`);
  });
}

/** The rows of a query, each split into its columns. */
export async function rows(text: string): Promise<string[][]> {
  const out = await sql(text);
  return out ? out.split('\n').map(line => line.split('\t')) : [];
}

/** A single number, e.g. of `select count(*) ...`. */
export async function scalar(text: string): Promise<number> {
  return Number(await sql(text));
}
