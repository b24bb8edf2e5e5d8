/*
 * Starts the GitHub simulator in a child process and talks to its control
 * API. The child goes when the parent does (it exits on disconnect), and
 * `stop()` kills it by its own id.
 */
import { fork } from 'node:child_process';
import { join } from 'node:path';
import type { FleetEntry, PushResult, SimStats } from './simulator';

const CONTROL_TIMEOUT_MS = 60_000;
const START_TIMEOUT_MS = 60_000;

export interface Simulator {
  port: number;
  /** http://127.0.0.1:<port> */
  baseUrl: string;
  apiBaseUrl: string;
  stats(): Promise<SimStats>;
  resetStats(): Promise<void>;
  push(repo: string, path?: string): Promise<PushResult>;
  fleet(): Promise<FleetEntry[]>;
  setRateLimit(limit: number, windowSeconds?: number): Promise<void>;
  stop(): void;
}

async function call<T>(url: string, method: 'GET' | 'POST', body?: unknown) {
  const response = await fetch(url, {
    method,
    headers: body ? { 'content-type': 'application/json' } : undefined,
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(CONTROL_TIMEOUT_MS),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`${method} ${url}: ${response.status} ${text}`);
  }
  return JSON.parse(text) as T;
}

export async function startSimulator(options: {
  repositories: number;
  rateLimit: number;
}): Promise<Simulator> {
  const child = fork(join(__dirname, 'simulator.ts'), {
    execArgv: process.execArgv,
    env: {
      ...process.env,
      REPOS: String(options.repositories),
      SIM_RATE_LIMIT: String(options.rateLimit),
    },
  });
  let timer: NodeJS.Timeout | undefined;
  const port = await new Promise<number>((ok, fail) => {
    timer = setTimeout(() => {
      child.kill();
      fail(new Error(`the simulator did not start in ${START_TIMEOUT_MS} ms`));
    }, START_TIMEOUT_MS);
    child.on('message', (m: any) => typeof m?.port === 'number' && ok(m.port));
    child.once('exit', code =>
      fail(new Error(`the simulator exited (${code})`)),
    );
  }).finally(() => clearTimeout(timer));
  const baseUrl = `http://127.0.0.1:${port}`;
  const control = `${baseUrl}/_sim`;
  return {
    port,
    baseUrl,
    apiBaseUrl: `${baseUrl}/api/v3`,
    stats: () => call<SimStats>(`${control}/stats`, 'GET'),
    resetStats: async () => {
      await call(`${control}/stats/reset`, 'POST');
    },
    push: (repo, path) =>
      call<PushResult>(
        `${control}/push/${repo}${
          path === undefined ? '' : `?path=${encodeURIComponent(path)}`
        }`,
        'POST',
      ),
    fleet: () => call<FleetEntry[]>(`${control}/fleet`, 'GET'),
    setRateLimit: async (limit, windowSeconds = 3600) => {
      await call(`${control}/rate-limit`, 'POST', { limit, windowSeconds });
    },
    stop: () => {
      child.kill();
    },
  };
}
