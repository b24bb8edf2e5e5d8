import { ChildProcess, execFile, spawn } from 'child_process';
import { existsSync } from 'fs';
import { mkdtemp, rm, writeFile } from 'fs/promises';
import { createServer } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { promisify } from 'util';

/**
 * A real Prometheus for integration tests: Debian's binaries, started on a
 * free loopback port with a config and data directory of its own, and a
 * backfill through promtool so that a test can have days of history.
 */

export const PROMETHEUS_BIN = '/usr/bin/prometheus';
export const PROMTOOL_BIN = '/usr/bin/promtool';

const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;
// Ports used by other processes on shared machines; never handed out.
const RESERVED_PORTS = new Set([
  3001, 7007, 7008, 7101, 7111, 7112, 7113, 7114, 7115, 9090,
]);

/** Fails, telling how to install them, where the binaries are missing. */
export function requirePrometheus(): void {
  for (const bin of [PROMETHEUS_BIN, PROMTOOL_BIN]) {
    if (!existsSync(bin)) {
      throw new Error(
        `${bin} is missing: these tests run a real Prometheus. Install it with scripts/ensure-prometheus.sh (scripts/test.sh does).`,
      );
    }
  }
}

/** A loopback port nothing listens on right now. */
export async function freePort(): Promise<number> {
  for (;;) {
    const server = createServer();
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    await new Promise(resolve => server.close(resolve));
    if (
      address &&
      typeof address === 'object' &&
      !RESERVED_PORTS.has(address.port)
    ) {
      return address.port;
    }
  }
}

/** One sample of a backfill: its series, its value and its time. */
export interface BackfillSample {
  /** The metric name with its labels, e.g. `http_requests_total{code="200"}`. */
  series: string;
  value: number;
  at: Date;
}

/**
 * Writes samples as OpenMetrics text with timestamps and turns them into
 * TSDB blocks in `dataDir` with `promtool tsdb create-blocks-from
 * openmetrics`; run it before Prometheus starts on that directory. The
 * samples of a series must be in time order; series may come in any order
 * (they are grouped by metric name, as OpenMetrics wants).
 */
export async function backfill(
  dataDir: string,
  samples: BackfillSample[],
): Promise<void> {
  requirePrometheus();
  const byMetric = new Map<string, BackfillSample[]>();
  for (const sample of samples) {
    const metric = sample.series.replace(/\{.*$/, '');
    byMetric.set(metric, [...(byMetric.get(metric) ?? []), sample]);
  }
  const lines: string[] = [];
  for (const group of byMetric.values()) {
    for (const s of group) {
      lines.push(`${s.series} ${s.value} ${s.at.getTime() / 1000}`);
    }
  }
  lines.push('# EOF', '');
  const file = join(dataDir, '..', 'backfill.om');
  await writeFile(file, lines.join('\n'));
  await promisify(execFile)(
    PROMTOOL_BIN,
    ['tsdb', 'create-blocks-from', 'openmetrics', file, dataDir],
    { maxBuffer: 16 * 1024 * 1024 },
  );
}

/** A Prometheus started for a test. */
export interface RealPrometheus {
  url: string;
  /** Where its TSDB lives; blocks backfilled here before start are read. */
  dataDir: string;
  /** Stops it (SIGTERM, then SIGKILL) and removes its files. */
  stop(): Promise<void>;
}

/** A fresh directory for a Prometheus: `dataDir` to backfill into, then `start`. */
export async function preparePrometheus(): Promise<{
  dataDir: string;
  start(config: {
    scrapeTargets?: string[];
    scrapeIntervalSeconds?: number;
  }): Promise<RealPrometheus>;
}> {
  requirePrometheus();
  const root = await mkdtemp(join(tmpdir(), 'opsready-prometheus-'));
  const dataDir = join(root, 'data');
  return {
    dataDir,
    start: config => startIn(root, dataDir, config),
  };
}

async function startIn(
  root: string,
  dataDir: string,
  config: { scrapeTargets?: string[]; scrapeIntervalSeconds?: number },
): Promise<RealPrometheus> {
  const interval = `${config.scrapeIntervalSeconds ?? 1}s`;
  const configFile = join(root, 'prometheus.yml');
  await writeFile(
    configFile,
    [
      'global:',
      `  scrape_interval: ${interval}`,
      `  evaluation_interval: ${interval}`,
      'scrape_configs:',
      ...(config.scrapeTargets?.length
        ? [
            '  - job_name: svc',
            '    static_configs:',
            `      - targets: [${config.scrapeTargets
              .map(t => `'${t}'`)
              .join(', ')}]`,
          ]
        : []),
      '',
    ].join('\n'),
  );
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    PROMETHEUS_BIN,
    [
      `--web.listen-address=127.0.0.1:${port}`,
      `--storage.tsdb.path=${dataDir}`,
      `--config.file=${configFile}`,
      // Backfilled history must not be deleted as too old.
      '--storage.tsdb.retention.time=60d',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr!.on('data', chunk => {
    log = (log + chunk).slice(-8000);
  });
  const exited = new Promise<void>(resolve =>
    child.once('exit', () => resolve()),
  );
  const stop = async () => {
    await kill(child, exited);
    await rm(root, { recursive: true, force: true });
  };
  try {
    await waitReady(url, child, () => log);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, dataDir, stop };
}

async function waitReady(url: string, child: ChildProcess, log: () => string) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`Prometheus stopped before it was ready:\n${log()}`);
    }
    try {
      const response = await fetch(`${url}/-/ready`, {
        signal: AbortSignal.timeout(2000),
      });
      if (response.ok) {
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise(r => setTimeout(r, 100));
  }
  throw new Error(
    `Prometheus was not ready within ${READY_TIMEOUT_MS} ms:\n${log()}`,
  );
}

async function kill(child: ChildProcess, exited: Promise<void>) {
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}
