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
      { name: `demo-${behaviour}`, behaviour, port: 0 },
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
});
