import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { createTestHealthSweep } from '../__testUtils__/healthSweep';
import { serviceEntity } from '../__testUtils__/serviceEntity';
import {
  builtInChecks,
  defaultCheckOptions,
} from '@opsready/plugin-opsready-node';
import { HealthFactProvider } from '../facts/HealthFactProvider';
import { AddressPolicy } from './addressPolicy';
import { HealthService } from './HealthService';
import { shardOf } from './HealthSweep';
import { Prober } from './Prober';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

let server: http.Server;
let base: string;
let healthy = true;
beforeAll(async () => {
  server = http.createServer((req, res) => {
    res.statusCode = req.url === '/down' || !healthy ? 503 : 200;
    res.end();
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>(r => server.close(() => r())));

async function setUp(
  entities: Entity[],
  overrides: Parameters<typeof createTestHealthSweep>[3] = {},
) {
  const prober = new Prober({
    policy: new AddressPolicy(['127.0.0.1']),
    timeoutMs: 500,
    retries: 0,
  });
  const knex = await databases.init('SQLITE_3');
  const { store, sweep } = await createTestHealthSweep(
    knex,
    entities,
    prober,
    overrides,
  );
  return { store, sweep, prober };
}

describe('HealthSweep', () => {
  it('schedules one global task per shard and a retention task', async () => {
    const scheduler = mockServices.scheduler.mock();
    const { sweep, prober } = await setUp([], { scheduler, shards: 3 });
    await sweep.start();
    const ids = scheduler.scheduleTask.mock.calls.map(([task]) => [
      task.id,
      task.scope,
    ]);
    expect(ids).toEqual([
      ['opsready-health-shard-1-of-3', 'global'],
      ['opsready-health-shard-2-of-3', 'global'],
      ['opsready-health-shard-3-of-3', 'global'],
      ['opsready-health-retention', 'global'],
    ]);
    await prober.close();
  });

  it('keeps each shard global when the configured schedule names a local scope', async () => {
    const scheduler = mockServices.scheduler.mock();
    const { sweep, prober } = await setUp([], {
      scheduler,
      shards: 2,
      schedule: {
        frequency: { seconds: 60 },
        timeout: { seconds: 50 },
        scope: 'local',
      },
    });
    await sweep.start();
    const scopes = scheduler.scheduleTask.mock.calls.map(
      ([task]) => task.scope,
    );
    expect(scopes).toEqual(['global', 'global', 'global']);
    await prober.close();
  });

  it('splits the endpoints into disjoint shards that together cover them all', async () => {
    const entities = Array.from({ length: 12 }, (_, i) =>
      serviceEntity(`svc-${i}`, {
        'opsready.io/health-url': `${base}/healthz`,
        'opsready.io/health-url-production': `${base}/healthz`,
      }),
    );
    const { sweep, prober } = await setUp(entities, { shards: 3 });
    const counts = [
      await sweep.runShard(0),
      await sweep.runShard(1),
      await sweep.runShard(2),
    ].map(r => r.probed);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(24);
    expect(counts.every(n => n > 0)).toBe(true);
    expect(shardOf('component:default/svc-1', 'production', 3)).toBe(
      shardOf('component:default/svc-1', 'production', 3),
    );
    await prober.close();
  });

  it('records state, transitions and figures, and tells the listener when an endpoint goes down', async () => {
    const onTransition = jest.fn();
    const { sweep, store, prober } = await setUp(
      [
        serviceEntity('cartservice', {
          'opsready.io/health-url': `${base}/healthz`,
        }),
      ],
      { onTransition },
    );
    let minute = 0;
    const clock = () => new Date(Date.UTC(2026, 10, 22, 10, minute++));
    healthy = true;
    await sweep.runShard(0, clock);
    healthy = false;
    for (let i = 0; i < 3; i++) await sweep.runShard(0, clock);
    healthy = true;

    const [endpoint] = await store.getEndpoints(
      'component:default/cartservice',
    );
    expect(endpoint.state.status).toBe('down');
    expect(
      onTransition.mock.calls.map(
        ([e]) => `${e.transition.from}->${e.transition.to}`,
      ),
    ).toEqual(['unknown->up', 'up->down']);
    expect(onTransition.mock.calls[1][0].transition.reason).toBe(
      'status 503, expected 200-399',
    );

    const health = await new HealthService(store).entityHealth(
      'component:default/cartservice',
      new Date(Date.UTC(2026, 10, 22, 11, 0)),
    );
    expect(health.endpoints[0]).toMatchObject({
      environment: 'default',
      status: 'down',
      windows: { '24h': { probes: 4, uptime: 0.25 } },
    });
    expect(health.endpoints[0].lastTransitions.map(t => t.to)).toEqual([
      'down',
      'up',
    ]);
    await prober.close();
  });

  it('leaves probes that got no answer out of the latency, so that the latency check cannot pass on them', async () => {
    const closed = http.createServer();
    await new Promise<void>(r => closed.listen(0, '127.0.0.1', r));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>(r => closed.close(() => r()));
    const entity = serviceEntity('cartservice', {
      // Refused by the address policy before anything is sent.
      'opsready.io/health-url': 'http://10.20.30.40/healthz',
      // Allowed, but nothing listens there: the connection is refused.
      'opsready.io/health-url-staging': `http://127.0.0.1:${closedPort}/healthz`,
      // Answers, with a 503: an answer all the same.
      'opsready.io/health-url-qa': `${base}/down`,
    });
    const { sweep, store, prober } = await setUp([entity]);
    let minute = 0;
    const clock = () => new Date(Date.UTC(2026, 10, 22, 10, minute++));
    for (let i = 0; i < 3; i++) await sweep.runShard(0, clock);

    const health = new HealthService(store);
    const now = new Date(Date.UTC(2026, 10, 22, 11, 0));
    const { endpoints } = await health.entityHealth(
      'component:default/cartservice',
      now,
    );
    const windows = Object.fromEntries(
      endpoints.map(e => [e.environment, e.windows['24h']]),
    );
    expect(windows.default).toMatchObject({
      probes: 3,
      answered: 0,
      refused: 3,
      failedToConnect: 0,
      uptime: 0,
      p95Ms: null,
    });
    expect(windows.staging).toMatchObject({
      probes: 3,
      answered: 0,
      failedToConnect: 3,
      p95Ms: null,
    });
    expect(windows.qa).toMatchObject({ probes: 3, answered: 3, uptime: 0 });
    expect(windows.qa.p95Ms).not.toBeNull();

    const facts = await new HealthFactProvider(health, {
      probing: true,
      now: () => now,
    }).gather([entity]);
    const latencyCheck = builtInChecks.find(c => c.id === 'health.latency')!;
    const outcome = latencyCheck.evaluate(
      { entity, ...facts.get('component:default/cartservice') },
      { now, options: defaultCheckOptions },
    );
    expect(outcome.status).toBe('unknown');
    expect(outcome.message).toContain(
      "No probe of http://10.20.30.40/healthz got an answer in the last 24 hours: 3 refused by the prober's policy.",
    );
    expect(outcome.message).toContain(
      `No probe of http://127.0.0.1:${closedPort}/healthz got an answer in the last 24 hours: 3 failed to connect.`,
    );
    await prober.close();
  });

  it('reads the shard once and stores its probes in batches, telling the listener once a batch is stored', async () => {
    const entities = Array.from({ length: 7 }, (_, i) =>
      serviceEntity(`svc-${i}`, {
        'opsready.io/health-url': `${base}/healthz`,
      }),
    );
    const told: Array<{ entityRef: string; stored: string[] }> = [];
    const { sweep, store, prober } = await setUp(entities, {
      writeBatchSize: 3,
      onTransition: async ({ entityRef }) => {
        const stored = await store.getTransitions(entityRef, {
          from: new Date(0),
          to: new Date(Date.now() + 60_000),
        });
        told.push({ entityRef, stored: stored.map(t => t.to) });
      },
    });
    const getEndpoint = jest.spyOn(store, 'getEndpoint');
    const getEndpointsByKey = jest.spyOn(store, 'getEndpointsByKey');
    const recordProbes = jest.spyOn(store, 'recordProbes');
    healthy = true;
    for (let i = 0; i < 2; i++) {
      expect(await sweep.runShard(0)).toMatchObject({ probed: 7, skipped: 0 });
    }

    expect(getEndpoint).not.toHaveBeenCalled();
    expect(getEndpointsByKey).toHaveBeenCalledTimes(2);
    const batches = recordProbes.mock.calls.map(([records]) => records.length);
    expect(batches.every(n => n >= 1 && n <= 3)).toBe(true);
    expect(batches.reduce((a, b) => a + b, 0)).toBe(14);
    // The first sweep met every endpoint; the second built on the states
    // it read back, so nothing changed and the streaks went on.
    expect(told.map(t => t.stored)).toEqual(Array(7).fill(['up']));
    expect(new Set(told.map(t => t.entityRef)).size).toBe(7);
    for (const entity of entities) {
      const [endpoint] = await store.getEndpoints(
        `component:default/${entity.metadata.name}`,
      );
      expect(endpoint.state).toMatchObject({
        status: 'up',
        consecutiveSuccesses: 2,
      });
    }
    await prober.close();
  });

  it('stores every probe and tells the listener of every transition when one listener call fails, then fails the sweep', async () => {
    const entities = Array.from({ length: 4 }, (_, i) =>
      serviceEntity(`svc-${i}`, {
        'opsready.io/health-url': `${base}/healthz`,
      }),
    );
    const onTransition = jest.fn(async ({ entityRef }) => {
      if (entityRef === 'component:default/svc-1') {
        throw new Error('the error timeline is away');
      }
    });
    const { sweep, store, prober } = await setUp(entities, {
      writeBatchSize: 2,
      onTransition,
    });
    healthy = true;
    await expect(sweep.runShard(0)).rejects.toThrow(
      'the error timeline is away',
    );
    expect(onTransition).toHaveBeenCalledTimes(4);
    for (const entity of entities) {
      expect(
        await store.getEndpoints(`component:default/${entity.metadata.name}`),
      ).toHaveLength(1);
    }
    await prober.close();
  });

  it('fails the sweep when the store cannot write, leaving the endpoints for the next sweep', async () => {
    const entities = Array.from({ length: 3 }, (_, i) =>
      serviceEntity(`svc-${i}`, {
        'opsready.io/health-url': `${base}/healthz`,
      }),
    );
    const onTransition = jest.fn();
    const { sweep, store, prober } = await setUp(entities, { onTransition });
    jest
      .spyOn(store, 'recordProbes')
      .mockRejectedValueOnce(new Error('the database is away'));
    healthy = true;
    await expect(sweep.runShard(0)).rejects.toThrow('the database is away');
    expect(onTransition).not.toHaveBeenCalled();
    // The next sweep finds them as they were, and meets them.
    expect(await sweep.runShard(0)).toMatchObject({ probed: 3 });
    expect(onTransition).toHaveBeenCalledTimes(3);
    await prober.close();
  });

  it('stops starting probes at the deadline, leaving the rest for the next sweep', async () => {
    const entities = Array.from({ length: 5 }, (_, i) =>
      serviceEntity(`svc-${i}`, {
        'opsready.io/health-url': `${base}/healthz`,
      }),
    );
    const { sweep, prober } = await setUp(entities, { deadlineMs: -1 });
    expect(await sweep.runShard(0)).toMatchObject({ probed: 0, skipped: 5 });
    await prober.close();
  });

  it('drops endpoints that are no longer declared at retention', async () => {
    const { sweep, store, prober } = await setUp([
      serviceEntity('cartservice', {
        'opsready.io/health-url': `${base}/healthz`,
      }),
    ]);
    await sweep.runShard(0);
    const { sweep: later } = await setUp([]);
    // A second sweep over the same store, whose catalog no longer has it.
    (later as any).options.store = store;
    expect(await later.retain()).toMatchObject({ dropped: 1 });
    expect(await store.getEndpoints('component:default/cartservice')).toEqual(
      [],
    );
    await prober.close();
  });
});
