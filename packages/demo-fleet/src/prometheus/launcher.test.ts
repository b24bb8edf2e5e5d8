import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  RunningHealthService,
  startHealthService,
  stopHealthService,
} from '../services/healthServices';
import { backfillText } from './backfill';
import { alertmanagerConfig, prometheusConfig } from './config';
import { RunningMonitoring, startMonitoring } from './launcher';

// Starts the real binaries: a few seconds, more on a busy machine.
jest.setTimeout(90_000);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise(r => server.close(r));
  return port;
}

async function query(url: string, promql: string, at?: number) {
  const params = new URLSearchParams({ query: promql });
  if (at) params.set('time', String(at / 1000));
  const response = await fetch(`${url}/api/v1/query?${params}`, {
    signal: AbortSignal.timeout(5_000),
  });
  return (await response.json()).data.result as Array<{
    metric: Record<string, string>;
    value: [number, string];
  }>;
}

describe('the demo Prometheus and Alertmanager', () => {
  let dir: string;
  let service: RunningHealthService;
  let monitoring: RunningMonitoring | undefined;
  afterAll(async () => {
    await monitoring?.stop();
    if (service) await stopHealthService(service);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('start on free ports, read the backfilled history and scrape a demo service', async () => {
    dir = await mkdtemp(join(tmpdir(), 'opsready-demo-monitoring-'));
    service = await startHealthService({
      name: 'cartservice',
      behaviour: 'healthy',
      traffic: 'steady',
      port: 0,
    });
    const target = { service: 'cartservice', port: service.port };
    const alertmanagerPort = await freePort();
    const now = Date.now();
    monitoring = await startMonitoring({
      directory: join(dir, 'demo-prometheus'),
      prometheusPort: await freePort(),
      alertmanagerPort,
      prometheusConfig: prometheusConfig({
        targets: [target],
        alertmanagerPort,
        rulesFile: 'alerts.yaml',
        scrapeIntervalSeconds: 1,
      }),
      rules: 'groups: []\n',
      alertmanagerConfig: alertmanagerConfig({
        backendUrl: 'http://127.0.0.1:9/',
        token: 'demo-alertmanager-token',
      }),
      backfill: backfillText([{ target, traffic: 'steady' }], {
        from: now - 3600_000,
        to: now - 60_000,
        stepMs: 15_000,
        ratePerSecond: 3,
      }),
      readyTimeoutMs: 45_000,
    });

    const alertmanager = await fetch(
      `${monitoring.alertmanagerUrl}/api/v2/status`,
      { signal: AbortSignal.timeout(5_000) },
    );
    expect(alertmanager.status).toBe(200);

    // Half an hour ago, from the backfill: 3 requests a second.
    const past = await query(
      monitoring.prometheusUrl,
      'sum(rate(http_requests_total{service="cartservice",environment="production"}[5m]))',
      now - 30 * 60_000,
    );
    expect(Number(past[0].value[1])).toBeCloseTo(3, 1);

    const deadline = Date.now() + 30_000;
    let up: Awaited<ReturnType<typeof query>> = [];
    while (Date.now() < deadline) {
      up = await query(monitoring.prometheusUrl, 'up');
      if (up.length > 0 && up[0].value[1] === '1') break;
      await new Promise(r => setTimeout(r, 500));
    }
    expect(up).toEqual([
      expect.objectContaining({
        metric: expect.objectContaining({
          service: 'cartservice',
          environment: 'production',
          instance: `127.0.0.1:${service.port}`,
        }),
        value: [expect.any(Number), '1'],
      }),
    ]);
  });
});
