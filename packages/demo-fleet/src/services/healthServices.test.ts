import {
  FLAP_PERIOD_MS,
  RunningHealthService,
  SLOW_DELAY_MS,
  startHealthService,
  stopHealthService,
} from './healthServices';

describe('the demo health services', () => {
  const running: RunningHealthService[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map(stopHealthService));
  });

  async function start(
    behaviour: RunningHealthService['behaviour'],
    now?: () => number,
  ) {
    const service = await startHealthService(
      { name: `demo-${behaviour}`, behaviour, traffic: 'steady', port: 0 },
      { now },
    );
    running.push(service);
    return service;
  }

  async function probe(url: string) {
    const started = Date.now();
    const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
    return {
      status: response.status,
      body: await response.json(),
      ms: Date.now() - started,
    };
  }

  it('a healthy service answers as the golden template does, metrics included', async () => {
    const service = await start('healthy');
    expect(await probe(service.url)).toMatchObject({
      status: 200,
      body: { status: 'ok' },
    });
    const base = service.url.replace('/healthz', '');
    expect((await probe(`${base}/readyz`)).status).toBe(200);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain(
      'http_requests_total{method="GET",route="/healthz",code="200"} 1',
    );
  });

  it('a slow service answers beyond the latency SLO, within the probe timeout', async () => {
    const service = await start('slow');
    const { status, ms } = await probe(service.url);
    expect(status).toBe(200);
    expect(ms).toBeGreaterThanOrEqual(SLOW_DELAY_MS - 10);
    expect(ms).toBeLessThan(5_000);
  });

  it('a flapping service alternates between up and down', async () => {
    let now = 0;
    const service = await start('flapping', () => now);
    expect((await probe(service.url)).status).toBe(200);
    now = FLAP_PERIOD_MS;
    expect(await probe(service.url)).toMatchObject({
      status: 503,
      body: { status: 'unavailable' },
    });
    now = 2 * FLAP_PERIOD_MS;
    expect((await probe(service.url)).status).toBe(200);
  });

  it('a down service fails its health and readiness, and says why', async () => {
    const service = await start('down');
    expect(await probe(service.url)).toMatchObject({
      status: 503,
      body: { reason: expect.stringMatching(/unreachable/) },
    });
    expect(
      (await probe(service.url.replace('/healthz', '/readyz'))).status,
    ).toBe(503);
  });

  it('a failing service answers its traffic with 500s after its deployment, counted in its metrics', async () => {
    let now = 1_000_000;
    const service = await startHealthService(
      {
        name: 'demo-cart',
        behaviour: 'healthy',
        traffic: 'failingAfterDeployment',
        port: 0,
      },
      // Every draw fails from the deployment on: the ratio is above 0.
      { now: () => now, deployedAt: 1_000_000 + 60_000, random: () => 0 },
    );
    running.push(service);
    const base = service.url.replace('/healthz', '');
    const get = () => fetch(`${base}/`, { signal: AbortSignal.timeout(5_000) });
    expect((await get()).status).toBe(200);
    now += 120_000;
    expect((await get()).status).toBe(500);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain(
      'http_requests_total{method="GET",route="/",code="500"} 1',
    );
    expect(metrics).toContain(
      'http_requests_total{method="GET",route="/",code="200"} 1',
    );
  });

  it('a slow service answers its traffic slowly after its deployment only', async () => {
    let now = 0;
    const service = await startHealthService(
      {
        name: 'demo-frontend',
        behaviour: 'healthy',
        traffic: 'slowAfterDeployment',
        port: 0,
      },
      { now: () => now, deployedAt: 10_000 },
    );
    running.push(service);
    const base = service.url.replace('/healthz', '/');
    const before = await probe(base);
    now = 20_000;
    const after = await probe(base);
    expect(before.ms).toBeLessThan(300);
    expect(after.ms).toBeGreaterThanOrEqual(340);
  });
});
