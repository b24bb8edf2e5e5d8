/*
 * Runs Debian's Prometheus and Alertmanager as child processes of the demo
 * fleet: a fresh directory each start (config, rules, backfilled history,
 * logs), loopback ports, readiness waited for within a bound, and both
 * stopped with the demo.
 */
import { ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, openSync, closeSync, readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

export const PROMETHEUS_BINARIES = {
  prometheus: '/usr/bin/prometheus',
  promtool: '/usr/bin/promtool',
  alertmanager: '/usr/bin/prometheus-alertmanager',
};

export type PrometheusBinaries = typeof PROMETHEUS_BINARIES;

/** The binaries of `binaries` that are not installed. */
export function missingBinaries(
  binaries: PrometheusBinaries = PROMETHEUS_BINARIES,
): string[] {
  return Object.values(binaries).filter(bin => !existsSync(bin));
}

export interface MonitoringOptions {
  /** Emptied first: the demo starts from a fresh TSDB every time. */
  directory: string;
  prometheusPort: number;
  alertmanagerPort: number;
  prometheusConfig: string;
  /** Written as alerts.yaml beside prometheus.yml. */
  rules: string;
  alertmanagerConfig: string;
  /** OpenMetrics text turned into TSDB blocks before Prometheus starts. */
  backfill?: string;
  binaries?: PrometheusBinaries;
  readyTimeoutMs?: number;
  backfillTimeoutMs?: number;
}

export interface RunningMonitoring {
  prometheusUrl: string;
  alertmanagerUrl: string;
  /** Stops both (SIGTERM, then SIGKILL after 10 s). */
  stop(): Promise<void>;
}

const STOP_TIMEOUT_MS = 10_000;

interface Child {
  process: ChildProcess;
  exited: Promise<void>;
  log: string;
}

function startChild(bin: string, args: string[], log: string): Child {
  const fd = openSync(log, 'a');
  const child = spawn(bin, args, { stdio: ['ignore', fd, fd] });
  closeSync(fd);
  const exited = new Promise<void>(resolve =>
    child.once('exit', () => resolve()),
  );
  // A crash of the demo fleet must not leave them running.
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  void exited.then(() => process.removeListener('exit', kill));
  return { process: child, exited, log };
}

async function stopChild(child: Child) {
  const p = child.process;
  if (p.exitCode !== null || p.signalCode !== null) return;
  p.kill('SIGTERM');
  const timer = setTimeout(() => p.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await child.exited;
  clearTimeout(timer);
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-20).join('\n');
  } catch {
    return '(no log)';
  }
}

async function waitReady(url: string, child: Child, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const p = child.process;
    if (p.exitCode !== null || p.signalCode !== null) {
      throw new Error(
        `${url} stopped before it was ready:\n${tail(child.log)}`,
      );
    }
    try {
      const response = await fetch(`${url}/-/ready`, {
        signal: AbortSignal.timeout(2_000),
      });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise(r => setTimeout(r, 250));
  }
  throw new Error(
    `${url} was not ready within ${timeoutMs} ms:\n${tail(child.log)}`,
  );
}

/** Starts Alertmanager, then Prometheus (after the backfill), and waits for both. */
export async function startMonitoring(
  options: MonitoringOptions,
): Promise<RunningMonitoring> {
  const bins = options.binaries ?? PROMETHEUS_BINARIES;
  const missing = missingBinaries(bins);
  if (missing.length > 0) {
    throw new Error(`Not installed: ${missing.join(', ')}`);
  }
  const readyTimeoutMs = options.readyTimeoutMs ?? 60_000;
  const dir = options.directory;
  await rm(dir, { recursive: true, force: true });
  const dataDir = join(dir, 'data');
  await mkdir(dataDir, { recursive: true });
  await mkdir(join(dir, 'alertmanager'), { recursive: true });
  await writeFile(join(dir, 'prometheus.yml'), options.prometheusConfig);
  await writeFile(join(dir, 'alerts.yaml'), options.rules);
  await writeFile(join(dir, 'alertmanager.yml'), options.alertmanagerConfig);
  if (options.backfill) {
    const file = join(dir, 'backfill.om');
    await writeFile(file, options.backfill);
    await promisify(execFile)(
      bins.promtool,
      ['tsdb', 'create-blocks-from', 'openmetrics', file, dataDir],
      { timeout: options.backfillTimeoutMs ?? 180_000, maxBuffer: 16 << 20 },
    );
    await rm(file);
  }

  const alertmanagerUrl = `http://127.0.0.1:${options.alertmanagerPort}`;
  const prometheusUrl = `http://127.0.0.1:${options.prometheusPort}`;
  const started: Child[] = [];
  const stop = async () => {
    await Promise.all(started.map(stopChild));
  };
  try {
    const alertmanager = startChild(
      bins.alertmanager,
      [
        `--config.file=${join(dir, 'alertmanager.yml')}`,
        `--storage.path=${join(dir, 'alertmanager')}`,
        `--web.listen-address=127.0.0.1:${options.alertmanagerPort}`,
        // A single instance: no gossip port.
        '--cluster.listen-address=',
      ],
      join(dir, 'alertmanager.log'),
    );
    started.push(alertmanager);
    await waitReady(alertmanagerUrl, alertmanager, readyTimeoutMs);
    const prometheus = startChild(
      bins.prometheus,
      [
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${dataDir}`,
        `--web.listen-address=127.0.0.1:${options.prometheusPort}`,
        '--storage.tsdb.retention.time=2d',
      ],
      join(dir, 'prometheus.log'),
    );
    started.push(prometheus);
    await waitReady(prometheusUrl, prometheus, readyTimeoutMs);
  } catch (error) {
    await stop();
    throw error;
  }
  return { prometheusUrl, alertmanagerUrl, stop };
}
