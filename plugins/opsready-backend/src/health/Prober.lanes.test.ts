import { TestDatabases } from '@backstage/backend-test-utils';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { createTestHealthSweep } from '../__testUtils__/healthSweep';
import { serviceEntity } from '../__testUtils__/serviceEntity';
import { AddressPolicy } from './addressPolicy';
import { ProbeLane, Prober, ProbeResult } from './Prober';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

/**
 * Two hosts (ports); paths starting /hang never answer, nor /flaky while
 * `flakyHangs`; others answer at once.
 */
let flakyHangs = true;
const servers: http.Server[] = [];
const bases: string[] = [];
const handler: http.RequestListener = (req, res) => {
  if (req.url?.startsWith('/hang') || (req.url === '/flaky' && flakyHangs)) {
    return; // answered by closeAllConnections below
  }
  res.end('{"status":"UP"}');
};
beforeAll(async () => {
  for (let i = 0; i < 2; i++) {
    const server = http.createServer(handler);
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    servers.push(server);
    bases.push(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  }
});
afterEach(() => servers.forEach(s => s.closeAllConnections()));
afterAll(() =>
  Promise.all(servers.map(s => new Promise<void>(r => s.close(() => r())))),
);

const policy = new AddressPolicy(['127.0.0.1']);

/** Resolves to the labels of the probes settled by the time `until` settles. */
async function settledBy(
  probes: Record<string, Promise<ProbeResult>>,
  until: Promise<unknown>,
): Promise<string[]> {
  const settled: string[] = [];
  for (const [label, probe] of Object.entries(probes)) {
    probe.finally(() => settled.push(label)).catch(() => {});
  }
  await until;
  return [...settled];
}

describe('Prober lanes', () => {
  it('answers healthy endpoints while every suspect slot waits on a hanging one', async () => {
    const prober = new Prober({
      policy,
      timeoutMs: 3_000,
      retries: 0,
      concurrency: 1,
      suspectConcurrency: 1,
      perHostConcurrency: 8,
    });
    const hanging = Object.fromEntries(
      [1, 2, 3].map(i => [
        `hang-${i}`,
        prober.probe({ url: `${bases[0]}/hang-${i}` }, { lane: 'suspect' }),
      ]),
    );
    const healthy = [1, 2, 3, 4, 5].map(i =>
      prober.probe({ url: `${bases[1]}/ok-${i}` }),
    );
    // With one slot shared, the healthy probes would wait for all three
    // hanging ones to time out; in their own lane none of those has yet.
    const settled = await settledBy(hanging, Promise.all(healthy));
    expect(await Promise.all(healthy)).toEqual(
      healthy.map(() => expect.objectContaining({ up: true, status: 200 })),
    );
    expect(settled).toEqual([]);
    servers[0].closeAllConnections();
    await prober.close();
  });

  it('does not let a probe queued behind its busy host take a slot from another host', async () => {
    const prober = new Prober({
      policy,
      timeoutMs: 3_000,
      retries: 0,
      concurrency: 2,
      perHostConcurrency: 1,
    });
    // The first host's one connection hangs; its second probe waits for it.
    const first = {
      'hang-1': prober.probe({ url: `${bases[0]}/hang-1` }),
      'hang-2': prober.probe({ url: `${bases[0]}/hang-2` }),
    };
    const other = prober.probe({ url: `${bases[1]}/ok` });
    const settled = await settledBy(first, other);
    expect(await other).toMatchObject({ up: true });
    expect(settled).toEqual([]);
    servers[0].closeAllConnections();
    await prober.close();
  });

  it('sweeps an endpoint that timed out in the suspect lane until it answers again', async () => {
    const prober = new Prober({ policy, timeoutMs: 300, retries: 0 });
    const lanes: Array<Record<string, ProbeLane>> = [];
    const probe = prober.probe.bind(prober);
    prober.probe = (spec, options) => {
      lanes[lanes.length - 1][spec.url] = options?.lane ?? 'main';
      return probe(spec, options);
    };
    const flakyUrl = `${bases[0]}/flaky`;
    const okUrl = `${bases[1]}/ok`;
    const { sweep } = await createTestHealthSweep(
      await databases.init('SQLITE_3'),
      [
        serviceEntity('flaky', { 'opsready.io/health-url': flakyUrl }),
        serviceEntity('steady', { 'opsready.io/health-url': okUrl }),
      ],
      prober,
    );
    for (const hangs of [true, true, false, false]) {
      flakyHangs = hangs;
      lanes.push({});
      await sweep.runShard(0);
    }
    expect(lanes).toEqual([
      { [flakyUrl]: 'main', [okUrl]: 'main' }, // nothing known yet
      { [flakyUrl]: 'suspect', [okUrl]: 'main' },
      { [flakyUrl]: 'suspect', [okUrl]: 'main' }, // answers this time
      { [flakyUrl]: 'main', [okUrl]: 'main' },
    ]);
    await prober.close();
  });
});
