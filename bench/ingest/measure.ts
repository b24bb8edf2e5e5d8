/*
 * Ingest benchmark (on demand, not in CI): the write side (events through
 * the ingest API, half of them redeliveries; what PostgreSQL stored of them)
 * and then the read side (entity pages over 1M deployments and 1M errors).
 * Started by bench/ingest/run.sh, which brings up a backend on :7031 with a
 * PostgreSQL database of its own:
 *
 *   yarn bench:ingest                    # both sides
 *   PHASES=write BATCH=10 yarn bench:ingest
 *   PHASES=read ROWS=200000 yarn bench:ingest
 *
 * Targets: lost 0 (write); p95 of a 500-row page and of a 90-day timeline
 * under 50 ms (read).
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { readSide } from './read';
import { writeSide } from './write';

const backend = process.env.BENCH_BACKEND_URL ?? 'http://localhost:7031';
// The static tokens of bench/ingest/app-config.bench.yaml.
const writerToken = 'bench-ingest-writer-token';
const readerToken = 'bench-ingest-reader-token';
const phases = (process.env.PHASES ?? 'write,read').split(',');

const load = () =>
  `load average ${loadavg()
    .map(l => l.toFixed(2))
    .join(', ')}`;

/**
 * CPU seconds the backend has used so far (user + system, from /proc), or
 * undefined where there is no /proc. Its share of a request is the one
 * figure the other work on a shared machine hardly moves: latency and
 * throughput there depend on who else runs.
 */
function backendCpuSeconds(): number | undefined {
  try {
    const root = process.env.OPSREADY_ROOT ?? resolve('..');
    const pid = readFileSync(
      resolve(root, '.data/bench-ingest-backend.pid'),
      'utf8',
    ).trim();
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses: utime and
    // stime are the 12th and 13th, in clock ticks (100 a second on Linux).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

async function main() {
  console.log(`    ${load()} (2 cores are shared with other work)`);
  if (phases.includes('write')) {
    const cpuBefore = backendCpuSeconds();
    const { requests } = await writeSide({
      backend,
      token: writerToken,
      rate: Number(process.env.RATE ?? 1000),
      durationS: Number(process.env.DURATION ?? 60),
      batch: Number(process.env.BATCH ?? 1),
      maxInFlight: Number(process.env.MAX_IN_FLIGHT ?? 100),
    });
    const cpuAfter = backendCpuSeconds();
    if (cpuBefore !== undefined && cpuAfter !== undefined && requests) {
      // Includes what the load left behind: correlation rounds, logging.
      console.log(
        `    backend CPU during the write side: ${(
          cpuAfter - cpuBefore
        ).toFixed(1)} s, ${(((cpuAfter - cpuBefore) * 1000) / requests).toFixed(
          2,
        )} ms per request`,
      );
    }
    console.log(`    ${load()}`);
  }
  if (phases.includes('read')) {
    await readSide({
      backend,
      token: readerToken,
      rows: Number(process.env.ROWS ?? 1_000_000),
      plansFile: resolve(
        process.env.PLANS_FILE ?? '../.data/bench-ingest-plans.txt',
      ),
    });
    console.log(`    ${load()}`);
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
