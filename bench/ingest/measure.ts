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

async function main() {
  console.log(`    ${load()} (2 cores are shared with other work)`);
  if (phases.includes('write')) {
    await writeSide({
      backend,
      token: writerToken,
      rate: Number(process.env.RATE ?? 1000),
      durationS: Number(process.env.DURATION ?? 60),
      batch: Number(process.env.BATCH ?? 1),
      maxInFlight: Number(process.env.MAX_IN_FLIGHT ?? 100),
    });
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
