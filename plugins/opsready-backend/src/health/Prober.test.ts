import http from 'node:http';
import { AddressInfo } from 'node:net';
import { AddressPolicy } from './addressPolicy';
import { Prober } from './Prober';

type Handler = http.RequestListener;

async function serve(handler: Handler) {
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer(handler);
  server.on('connection', s => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      sockets.forEach(s => s.destroy());
      await new Promise<void>(r => server.close(() => r()));
    },
  };
}

// The test servers listen on 127.0.0.1, which a real deployment refuses;
// allow-listing it is exactly what the local demo's config does.
const policy = new AddressPolicy(['127.0.0.1']);
const servers: Array<{ close(): Promise<void> }> = [];
let prober: Prober;

beforeEach(() => {
  prober = new Prober({ policy, timeoutMs: 500, retries: 0 });
});
afterEach(async () => {
  await prober.close();
  await Promise.all(servers.splice(0).map(s => s.close()));
});

async function start(handler: Handler) {
  const server = await serve(handler);
  servers.push(server);
  return server.url;
}

describe('Prober', () => {
  it('counts a 2xx answer as up, with its latency', async () => {
    const url = await start((_req, res) => res.end('ok'));
    const result = await prober.probe({ url: `${url}/healthz` });
    expect(result).toMatchObject({
      up: true,
      outcome: 'answered',
      status: 200,
    });
    expect(result.latencyMs).toBeLessThan(500);
  });

  it('gives up on a server that never answers, within the timeout', async () => {
    const url = await start(() => {});
    const started = Date.now();
    expect(await prober.probe({ url })).toMatchObject({
      up: false,
      outcome: 'timed-out',
      reason: 'no complete answer within 500 ms',
    });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('gives up on headers followed by a stalled body, within the same timeout', async () => {
    const url = await start((_req, res) => {
      res.writeHead(200, { 'Content-Length': '100' });
      res.write('partial');
    });
    expect(await prober.probe({ url })).toMatchObject({
      up: false,
      reason: 'no complete answer within 500 ms',
    });
  });

  it('gives up on a body dribbled a byte at a time past the timeout', async () => {
    const url = await start((_req, res) => {
      res.writeHead(200);
      const timer = setInterval(() => res.write('.'), 100);
      res.on('close', () => clearInterval(timer));
    });
    const started = Date.now();
    expect(await prober.probe({ url })).toMatchObject({ up: false });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('stops reading a 10 MiB body at the cap', async () => {
    const url = await start((_req, res) => {
      res.writeHead(200);
      res.end(Buffer.alloc(10 * 1024 * 1024, 'x'));
    });
    expect(await prober.probe({ url })).toMatchObject({
      up: false,
      status: 200,
      reason: 'the body is over 65536 bytes',
    });
  });

  it('counts a 500 as down and the recovery as up', async () => {
    let healthy = false;
    const url = await start((_req, res) => {
      res.statusCode = healthy ? 200 : 500;
      res.end();
    });
    // An answer, though a bad one: its latency says how fast the service is.
    expect(await prober.probe({ url })).toMatchObject({
      up: false,
      outcome: 'answered',
      status: 500,
      reason: 'status 500, expected 200-399',
    });
    healthy = true;
    expect(await prober.probe({ url })).toMatchObject({
      up: true,
      status: 200,
    });
  });

  it('checks a JSON field when the endpoint declares one', async () => {
    const url = await start((_req, res) => {
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ status: 'DEGRADED', checks: { db: 'down' } }));
    });
    expect(
      await prober.probe({ url, expectBody: { field: 'status', value: 'UP' } }),
    ).toMatchObject({
      up: false,
      reason: "status is 'DEGRADED', expected 'UP'",
    });
    expect(
      await prober.probe({
        url,
        expectBody: { field: 'checks.db', value: 'down' },
      }),
    ).toMatchObject({ up: true });
  });

  it('does not follow redirects by default', async () => {
    const url = await start((_req, res) => {
      res.writeHead(302, {
        Location: 'http://169.254.169.254/latest/meta-data/',
      });
      res.end();
    });
    expect(await prober.probe({ url })).toMatchObject({
      up: true,
      status: 302,
    });
    expect(
      await prober.probe({ url, expectedStatus: { min: 200, max: 299 } }),
    ).toMatchObject({
      up: false,
      reason: 'redirected (302); 0 redirects allowed',
    });
  });

  it('re-checks every hop when following redirects, refusing the metadata service and loopback', async () => {
    const following = new Prober({
      policy,
      timeoutMs: 500,
      retries: 0,
      maxRedirects: 3,
    });
    try {
      const toMetadata = await start((_req, res) => {
        res.writeHead(302, {
          Location: 'http://169.254.169.254/latest/meta-data/',
        });
        res.end();
      });
      expect(await following.probe({ url: toMetadata })).toMatchObject({
        up: false,
        status: 302,
        reason: expect.stringContaining(
          'redirect refused: 169.254.169.254 is a link-local (cloud metadata) address',
        ),
      });
      const toLoopback = await start((_req, res) => {
        res.writeHead(301, { Location: 'http://127.0.0.2:1/' });
        res.end();
      });
      expect(await following.probe({ url: toLoopback })).toMatchObject({
        up: false,
        reason: expect.stringContaining(
          'redirect refused: 127.0.0.2 is a loopback address',
        ),
      });
      const target = await start((_req, res) => res.end('ok'));
      const hop = await start((_req, res) => {
        res.writeHead(302, { Location: `${target}/healthz` });
        res.end();
      });
      expect(await following.probe({ url: hop })).toMatchObject({
        up: true,
        status: 200,
      });
    } finally {
      await following.close();
    }
  });

  it('reports a refused connection', async () => {
    const url = await start((_req, res) => res.end());
    await servers.pop()!.close();
    expect(await prober.probe({ url })).toMatchObject({
      up: false,
      outcome: 'failed-to-connect',
      reason: 'connection failed: ECONNREFUSED',
    });
  });

  it('refuses a name that resolves to a private address without connecting', async () => {
    const resolving = new Prober({
      policy,
      timeoutMs: 500,
      retries: 0,
      resolve: ((_host: string, _o: unknown, cb: Function) =>
        cb(null, [{ address: '10.0.0.1', family: 4 }])) as any,
    });
    try {
      expect(
        await resolving.probe({ url: 'http://internal.example.com/healthz' }),
      ).toMatchObject({
        up: false,
        outcome: 'refused',
        reason:
          'internal.example.com resolves to 10.0.0.1 is a private address, which health probes may not reach unless allow-listed (opsready.health.allow)',
      });
    } finally {
      await resolving.close();
    }
  });

  it("never calls the backend's own port, in any spelling of its address, even with loopback allow-listed", async () => {
    let calls = 0;
    const backend = await start((_req, res) => {
      calls += 1;
      res.end('{"items":[]}');
    });
    const ownPort = Number(new URL(backend).port);
    const guarded = new Prober({
      policy: new AddressPolicy(['127.0.0.0/8', 'backstage.internal'], {
        own: [{ port: ownPort }],
      }),
      timeoutMs: 500,
      retries: 0,
      // A name the allow-list opens, resolving to the backend: refused at
      // connect time.
      resolve: ((_host: string, _o: unknown, cb: Function) =>
        cb(null, [{ address: '127.0.0.1', family: 4 }])) as any,
    });
    try {
      for (const url of [
        `http://2130706433:${ownPort}/api/catalog/entities`,
        `http://0x7f000001:${ownPort}/`,
        `http://[::ffff:127.0.0.1]:${ownPort}/`,
        `http://backstage.internal:${ownPort}/`,
      ]) {
        expect(await guarded.probe({ url })).toMatchObject({
          up: false,
          outcome: 'refused',
          reason: expect.stringContaining(
            `127.0.0.1:${ownPort} is this Backstage backend's own address, which health probes never call`,
          ),
        });
      }
      expect(calls).toBe(0);
    } finally {
      await guarded.close();
    }
  });

  it('refuses an allow-listed address on a port the allow-list does not open', async () => {
    const url = await start((_req, res) => res.end('ok'));
    const port = Number(new URL(url).port);
    const narrow = new Prober({
      policy: new AddressPolicy([`127.0.0.1:${port + 1}-${port + 2}`]),
      timeoutMs: 500,
      retries: 0,
    });
    const open = new Prober({
      policy: new AddressPolicy([`127.0.0.1:${port}`]),
      timeoutMs: 500,
      retries: 0,
    });
    try {
      expect(await narrow.probe({ url })).toMatchObject({
        outcome: 'refused',
        reason: expect.stringContaining(`not ${port}`),
      });
      expect(await open.probe({ url })).toMatchObject({ up: true });
    } finally {
      await Promise.all([narrow.close(), open.close()]);
    }
  });

  it('sends no Backstage credentials or cookies, only configured headers', async () => {
    let seen: http.IncomingHttpHeaders = {};
    const url = await start((req, res) => {
      seen = req.headers;
      res.end();
    });
    const withHeaders = new Prober({
      policy,
      timeoutMs: 500,
      headers: { 'x-probe': 'opsready' },
    });
    try {
      await withHeaders.probe({ url });
    } finally {
      await withHeaders.close();
    }
    expect(seen['x-probe']).toBe('opsready');
    expect(seen.authorization).toBeUndefined();
    expect(seen.cookie).toBeUndefined();
  });

  it('keeps one hanging host from delaying the others', async () => {
    const hanging = await start(() => {});
    const healthy = await start((_req, res) => res.end('ok'));
    const started = Date.now();
    const results = await Promise.all([
      ...Array.from({ length: 8 }, () => prober.probe({ url: hanging })),
      ...Array.from({ length: 8 }, async () => {
        const result = await prober.probe({ url: healthy });
        return { ...result, doneAfter: Date.now() - started };
      }),
    ]);
    const healthyResults = results.slice(8) as Array<{
      up: boolean;
      doneAfter: number;
    }>;
    expect(healthyResults.every(r => r.up)).toBe(true);
    // The healthy host is served while the hanging one times out.
    expect(Math.max(...healthyResults.map(r => r.doneAfter))).toBeLessThan(400);
  });
});
