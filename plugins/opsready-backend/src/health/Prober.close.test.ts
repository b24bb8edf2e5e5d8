import { TestDatabases } from '@backstage/backend-test-utils';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { createTestHealthSweep } from '../__testUtils__/healthSweep';
import { serviceEntity } from '../__testUtils__/serviceEntity';
import { AddressPolicy } from './addressPolicy';
import { Prober, ProberClosedError } from './Prober';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

let server: http.Server;
let base: string;
let received: string[] = [];
beforeAll(async () => {
  server = http.createServer((req, res) => {
    received.push(req.url ?? '');
    if (req.url === '/hang') {
      return; // answered by closeAllConnections below
    }
    setTimeout(() => res.end('ok'), 100);
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(() => {
  server.closeAllConnections();
  received = [];
});
afterAll(() => new Promise<void>(r => server.close(() => r())));

const policy = new AddressPolicy(['127.0.0.1']);

describe('Prober', () => {
  it('does not retry a probe that timed out, so a hanging host costs one timeout', async () => {
    const prober = new Prober({ policy, timeoutMs: 300, retries: 2 });
    const result = await prober.probe({ url: `${base}/hang` });
    expect(result).toMatchObject({
      up: false,
      reason: 'no complete answer within 300 ms',
    });
    expect(received).toEqual(['/hang']);
    await prober.close();
  });

  it('lets probes in flight finish when closing, and refuses new ones without sending them', async () => {
    const prober = new Prober({
      policy,
      timeoutMs: 2_000,
      retries: 0,
      perHostConcurrency: 1,
    });
    const first = prober.probe({ url: `${base}/first` });
    // Waits for the host's one slot behind the first.
    const queued = prober.probe({ url: `${base}/queued` });
    await new Promise(r => setTimeout(r, 20));
    const closed = prober.close();
    await expect(first).resolves.toMatchObject({ up: true, status: 200 });
    await expect(queued).rejects.toBeInstanceOf(ProberClosedError);
    await expect(prober.probe({ url: `${base}/late` })).rejects.toBeInstanceOf(
      ProberClosedError,
    );
    await closed;
    expect(received).toEqual(['/first']);
  });

  it('waits for its holders before it closes', async () => {
    const prober = new Prober({ policy, timeoutMs: 2_000, retries: 0 });
    const events: string[] = [];
    const held = prober.hold(async closing => {
      await new Promise(r => closing.addEventListener('abort', r));
      events.push('holder saw the close');
      await new Promise(r => setTimeout(r, 50));
      events.push('holder done');
    });
    await prober.close().then(() => events.push('closed'));
    await held;
    expect(events).toEqual(['holder saw the close', 'holder done', 'closed']);
  });
});

describe('HealthSweep when the prober closes midway', () => {
  it('records the answers on their way and leaves the rest untouched for the next sweep', async () => {
    const entities = Array.from({ length: 6 }, (_, i) =>
      serviceEntity(`svc-${i}`, {
        'opsready.io/health-url': `${base}/svc-${i}`,
      }),
    );
    const prober = new Prober({
      policy,
      timeoutMs: 2_000,
      retries: 0,
      perHostConcurrency: 2,
    });
    const { store, sweep } = await createTestHealthSweep(
      await databases.init('SQLITE_3'),
      entities,
      prober,
    );
    const running = sweep.runShard(0);
    const deadline = Date.now() + 5_000;
    while (received.length === 0 && Date.now() < deadline) {
      await new Promise(r => setTimeout(r, 5));
    }
    await prober.close();
    const result = await running;

    // Two were on their way (two per host) and are recorded as answered;
    // the other four were never sent and left as they were.
    expect(received).toHaveLength(2);
    expect(result).toMatchObject({ probed: 2, down: 0, skipped: 4 });
    expect(result.stopped).toBe(true);
    const recorded = [];
    for (const entity of entities) {
      recorded.push(
        ...(await store.getEndpoints(
          `component:default/${entity.metadata.name}`,
        )),
      );
    }
    expect(recorded.map(e => e.state.status)).toEqual(['up', 'up']);
    expect(recorded.map(e => new URL(e.url).pathname).sort()).toEqual(
      received.sort(),
    );
  });
});
