import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { startTraffic } from './generator';

describe('the demo traffic generator', () => {
  let server: Server;
  let served = 0;
  let url: string;
  beforeEach(async () => {
    served = 0;
    server = createServer((_req, res) => {
      served++;
      res.end('ok');
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise(r => server.close(r));
  });

  it('sends requests at its rate until stopped', async () => {
    const traffic = startTraffic([url], { ratePerSecond: 20 });
    await new Promise(r => setTimeout(r, 1_000));
    traffic.stop();
    await new Promise(r => setTimeout(r, 200));
    const afterStop = served;
    expect(afterStop).toBeGreaterThanOrEqual(10);
    expect(afterStop).toBeLessThanOrEqual(25);
    expect(traffic.answered(url)).toBe(afterStop);
    await new Promise(r => setTimeout(r, 300));
    expect(served).toBe(afterStop);
  });

  it('keeps no more than its bound in flight at a service that hangs', async () => {
    let open = 0;
    server.removeAllListeners('request');
    server.on('request', () => {
      open++; // never answered
    });
    const traffic = startTraffic([url], {
      ratePerSecond: 50,
      maxInFlight: 3,
      timeoutMs: 10_000,
    });
    await new Promise(r => setTimeout(r, 500));
    traffic.stop();
    expect(open).toBe(3);
  });

  it('refuses a rate it cannot keep bounded', () => {
    expect(() => startTraffic([url], { ratePerSecond: 0 })).toThrow(
      /ratePerSecond/,
    );
  });
});
