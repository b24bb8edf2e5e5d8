import { storeTestDatabases } from '../__testUtils__/testDatabases';
import {
  initialEndpointState,
  nextEndpointState,
} from '../health/endpointState';
import { percentile } from '../health/latencyHistogram';
import { DatabaseHealthStore } from './DatabaseHealthStore';
import { ProbeOutcome } from '../health/probeOutcome';
import { ProbeRecord } from './HealthStore';

jest.setTimeout(60_000);

const { databases, createStore } = storeTestDatabases(DatabaseHealthStore);

const cart = 'component:default/cartservice';
const url = 'http://cart.example.com/healthz';

/**
 * The records a sweep would make of `probes`, one endpoint's after the
 * other's in the given order, each from the endpoint's previous state.
 */
function recordsOf(
  probes: Array<{
    entityRef: string;
    environment: string;
    up: boolean;
    at: Date;
    latencyMs: number;
  }>,
): ProbeRecord[] {
  const states = new Map<string, typeof initialEndpointState>();
  return probes.map(({ entityRef, environment, up, at, latencyMs }) => {
    const key = `${entityRef}\n${environment}`;
    const reason = up ? undefined : 'status 503, expected 200-399';
    const next = nextEndpointState(states.get(key) ?? initialEndpointState, {
      up,
      at,
      reason,
    });
    states.set(key, next.state);
    return {
      entityRef,
      environment,
      url: `http://${entityRef.split('/')[1]}.example.com/healthz`,
      state: next.state,
      transition: next.transition,
      probe: {
        up,
        outcome: 'answered',
        at,
        latencyMs,
        statusCode: up ? 200 : 503,
        reason,
      },
    };
  });
}

/** Everything the health API reads back of these entities. */
async function readBack(store: DatabaseHealthStore, entityRefs: string[]) {
  const range = {
    from: new Date('2026-11-01T00:00:00Z'),
    to: new Date('2026-12-01T00:00:00Z'),
  };
  const out = [];
  for (const entityRef of entityRefs) {
    out.push({
      entityRef,
      endpoints: await store.getEndpoints(entityRef),
      transitions: await store.getTransitions(entityRef, range),
      rollups: await store.getRollups(entityRef, range),
    });
  }
  return out;
}

describe.each(databases.eachSupportedId())(
  'DatabaseHealthStore (%s)',
  databaseId => {
    it('keeps the state of each endpoint, its transitions and its hourly figures', async () => {
      const { store } = await createStore(databaseId);
      let state = initialEndpointState;
      const probes = [
        { up: true, minute: 0, latencyMs: 40 },
        {
          up: false,
          minute: 1,
          latencyMs: 5000,
          reason: 'no complete answer within 5000 ms',
        },
        {
          up: false,
          minute: 2,
          latencyMs: 5000,
          reason: 'no complete answer within 5000 ms',
        },
        {
          up: false,
          minute: 3,
          latencyMs: 5000,
          reason: 'no complete answer within 5000 ms',
        },
      ];
      for (const probe of probes) {
        const at = new Date(Date.UTC(2026, 10, 22, 10, probe.minute));
        const next = nextEndpointState(state, { ...probe, at });
        state = next.state;
        await store.recordProbe({
          entityRef: cart,
          environment: 'production',
          url,
          state,
          transition: next.transition,
          probe: {
            ...probe,
            outcome: probe.up ? 'answered' : 'timed-out',
            at,
            statusCode: probe.up ? 200 : undefined,
          },
        });
      }

      expect(await store.getEndpoints(cart)).toEqual([
        {
          entityRef: cart,
          environment: 'production',
          url,
          state: {
            status: 'down',
            consecutiveSuccesses: 0,
            consecutiveFailures: 3,
            recentTransitions: ['2026-11-22T10:03:00.000Z'],
            flapping: false,
            since: '2026-11-22T10:03:00.000Z',
          },
          lastProbe: {
            at: '2026-11-22T10:03:00.000Z',
            latencyMs: 5000,
            reason: 'no complete answer within 5000 ms',
          },
        },
      ]);
      const day = {
        from: new Date('2026-11-22T00:00:00Z'),
        to: new Date('2026-11-23T00:00:00Z'),
      };
      expect(
        (await store.getTransitions(cart, day)).map(
          t => `${t.from}->${t.to}@${t.at}`,
        ),
      ).toEqual([
        'unknown->up@2026-11-22T10:00:00.000Z',
        'up->down@2026-11-22T10:03:00.000Z',
      ]);
      const [hour] = await store.getRollups(cart, day);
      expect(hour).toMatchObject({
        bucket: 'hour',
        probes: 4,
        failures: 3,
        unanswered: { refused: 0, failedToConnect: 0, timedOut: 3 },
      });
      // The timed-out probes got no answer: only the answered one is timed.
      expect(percentile(hour.histogram, 0.5)).toBe(50);
    });

    it('times only the probes that got an answer, and counts why the others got none', async () => {
      const { store } = await createStore(databaseId);
      const at = (minute: number) =>
        new Date(Date.UTC(2026, 10, 22, 10, minute));
      const probe = (
        minute: number,
        outcome: ProbeOutcome,
        latencyMs: number,
        statusCode?: number,
      ): ProbeRecord => ({
        entityRef: cart,
        environment: 'production',
        url,
        state: initialEndpointState,
        probe: {
          up: statusCode === 200,
          outcome,
          at: at(minute),
          latencyMs,
          ...(statusCode ? { statusCode } : {}),
        },
      });
      await store.recordProbes([
        // Refused before connecting, and refused connections: a few ms each.
        ...[0, 1, 2].map(m => probe(m, 'refused', 0)),
        ...[3, 4].map(m => probe(m, 'failed-to-connect', 2)),
        probe(5, 'timed-out', 5000),
        // A 503 is an answer: its latency counts.
        probe(6, 'answered', 480, 503),
      ]);
      await store.recordProbe(probe(7, 'answered', 420, 200));

      const [hour] = await store.getRollups(cart, {
        from: at(0),
        to: at(59),
      });
      expect(hour).toMatchObject({
        probes: 8,
        failures: 7,
        unanswered: { refused: 3, failedToConnect: 2, timedOut: 1 },
      });
      expect(hour.histogram.reduce((n, count) => n + count, 0)).toBe(2);
      expect(percentile(hour.histogram, 0.5)).toBe(500);
      expect(percentile(hour.histogram, 0.95)).toBe(500);
    });

    it('has no latency for an endpoint none of whose probes got an answer', async () => {
      const { store } = await createStore(databaseId);
      await store.recordProbes(
        [0, 1, 2, 3].map(minute => ({
          entityRef: cart,
          environment: 'production',
          url,
          state: initialEndpointState,
          probe: {
            up: false,
            outcome: minute < 3 ? 'refused' : 'failed-to-connect',
            at: new Date(Date.UTC(2026, 10, 22, 10, minute)),
            latencyMs: minute < 3 ? 0 : 3,
            reason: '127.0.0.1 is a loopback address',
          },
        })),
      );
      const [hour] = await store.getRollups(cart, {
        from: new Date('2026-11-22T00:00:00Z'),
        to: new Date('2026-11-23T00:00:00Z'),
      });
      expect(hour.unanswered).toEqual({
        refused: 3,
        failedToConnect: 1,
        timedOut: 0,
      });
      expect(percentile(hour.histogram, 0.95)).toBeUndefined();
    });

    it('folds hours older than 48 h into days, and deletes what is past retention', async () => {
      const { store, knex } = await createStore(databaseId);
      let state = initialEndpointState;
      for (const hour of [1, 2, 30]) {
        const at = new Date(Date.UTC(2026, 10, 1, hour, 0));
        const next = nextEndpointState(state, { up: hour !== 2, at });
        state = next.state;
        await store.recordProbe({
          entityRef: cart,
          environment: 'default',
          url,
          state,
          transition: next.transition,
          probe: {
            up: hour !== 2,
            outcome: hour !== 2 ? 'answered' : 'failed-to-connect',
            at,
            latencyMs: 100,
          },
        });
      }
      expect(
        await store.compactHourlyRollups(new Date('2026-11-03T00:00:00Z'), 2),
      ).toBe(3);
      const rollups = await store.getRollups(cart, {
        from: new Date('2026-11-01T00:00:00Z'),
        to: new Date('2026-11-03T00:00:00Z'),
      });
      expect(
        rollups.map(r => [
          r.bucket,
          r.bucketStart.toISOString(),
          r.probes,
          r.failures,
          r.unanswered.failedToConnect,
          r.histogram.reduce((n, count) => n + count, 0),
        ]),
      ).toEqual([
        ['day', '2026-11-01T00:00:00.000Z', 2, 1, 1, 1],
        ['day', '2026-11-02T00:00:00.000Z', 1, 0, 0, 1],
      ]);

      expect(
        await store.deleteOlderThan(new Date('2026-11-02T00:00:00Z'), 1),
      ).toBeGreaterThanOrEqual(2);
      const [{ n }] = await knex('opsready_health_rollups').count({ n: '*' });
      expect(Number(n)).toBe(1);
    });

    it('drops endpoints that are no longer declared', async () => {
      const { store } = await createStore(databaseId);
      for (const environment of ['staging', 'production']) {
        await store.recordProbe({
          entityRef: cart,
          environment,
          url,
          state: { ...initialEndpointState, status: 'up' },
          probe: {
            up: true,
            outcome: 'answered',
            at: new Date(),
            latencyMs: 10,
          },
        });
      }
      expect(
        await store.deleteEndpointsNotIn([
          { entityRef: cart, environment: 'production' },
        ]),
      ).toBe(1);
      expect((await store.getEndpoints(cart)).map(e => e.environment)).toEqual([
        'production',
      ]);
    });

    it('records a batch of probes as the same probes recorded one by one', async () => {
      const { store: oneByOne } = await createStore(databaseId);
      const { store: batched } = await createStore(databaseId);
      const entityRefs = Array.from(
        { length: 6 },
        (_, i) => `component:default/svc-${i}`,
      );
      // Four sweeps of six services in two environments, from 10:40 to
      // 11:10, so that the rollups span two hours; each service fails in
      // its own sweeps, so states, streaks and transitions differ.
      const probes = [];
      for (let sweep = 0; sweep < 4; sweep++) {
        for (const [i, entityRef] of entityRefs.entries()) {
          for (const environment of ['production', 'staging']) {
            probes.push({
              entityRef,
              environment,
              up: (sweep + i) % 3 !== 0,
              at: new Date(Date.UTC(2026, 10, 22, 10, 40 + sweep * 10, i)),
              latencyMs: 10 + 100 * i + sweep,
            });
          }
        }
      }
      const records = recordsOf(probes);
      for (const record of records) {
        await oneByOne.recordProbe(record);
      }
      // Uneven batches, one of them holding two probes of each endpoint.
      await batched.recordProbes(records.slice(0, 5));
      await batched.recordProbes(records.slice(5, 36));
      await batched.recordProbes(records.slice(36));

      const expected = await readBack(oneByOne, entityRefs);
      expect(await readBack(batched, entityRefs)).toEqual(expected);
      // And what they read back is what the probes said.
      const [svc0] = expected;
      expect(
        svc0.rollups.map(r => [
          r.environment,
          r.bucketStart.toISOString(),
          r.probes,
          r.failures,
        ]),
      ).toEqual([
        ['production', '2026-11-22T10:00:00.000Z', 2, 1],
        ['staging', '2026-11-22T10:00:00.000Z', 2, 1],
        ['production', '2026-11-22T11:00:00.000Z', 2, 1],
        ['staging', '2026-11-22T11:00:00.000Z', 2, 1],
      ]);
      expect(
        svc0.transitions
          .filter(t => t.environment === 'production')
          .map(t => `${t.from}->${t.to}`),
      ).toEqual(['unknown->down', 'down->up']);
      // Up since 11:00; the failure at 11:10 is one of the three it takes.
      expect(svc0.endpoints[0].state).toMatchObject({
        status: 'up',
        consecutiveFailures: 1,
        since: '2026-11-22T11:00:00.000Z',
      });
    });

    it('writes and reads back more endpoints than one statement takes', async () => {
      const { store, knex } = await createStore(databaseId);
      const count = 1_203;
      const entityRef = (i: number) => `component:default/svc-${i}`;
      const sweep = (minute: number, up: boolean) =>
        Array.from({ length: count }, (_, i) => ({
          entityRef: entityRef(i),
          environment: 'production',
          up,
          at: new Date(Date.UTC(2026, 10, 22, 10, minute)),
          latencyMs: 40,
        }));
      const records = recordsOf([...sweep(0, true), ...sweep(1, false)]);
      await store.recordProbes(records.slice(0, count));
      await store.recordProbes(records.slice(count));

      const keys = Array.from({ length: count + 2 }, (_, i) => ({
        entityRef: entityRef(i),
        environment: 'production',
      }));
      const found = await store.getEndpointsByKey(keys);
      // The two keys never probed are left out; the rest have both probes.
      expect(found).toHaveLength(count);
      expect(new Set(found.map(e => e.entityRef))).toEqual(
        new Set(keys.slice(0, count).map(k => k.entityRef)),
      );
      expect(
        found.every(
          e =>
            e.state.status === 'up' &&
            e.state.consecutiveFailures === 1 &&
            e.lastProbe?.at === '2026-11-22T10:01:00.000Z',
        ),
      ).toBe(true);
      const [{ probes, failures, rows }] = await knex('opsready_health_rollups')
        .sum({ probes: 'probes', failures: 'failures' })
        .count({ rows: '*' });
      expect([Number(probes), Number(failures), Number(rows)]).toEqual([
        2 * count,
        count,
        count,
      ]);
      const [{ n }] = await knex('opsready_health_transitions').count({
        n: '*',
      });
      expect(Number(n)).toBe(count);
      expect(await store.getEndpointsByKey([])).toEqual([]);
    });

    it('reads back the endpoints asked for, not the other environments of their entities', async () => {
      const { store } = await createStore(databaseId);
      const at = new Date(Date.UTC(2026, 10, 22, 10, 0));
      await store.recordProbes(
        recordsOf(
          ['production', 'staging', 'qa'].map(environment => ({
            entityRef: cart,
            environment,
            up: environment !== 'qa',
            at,
            latencyMs: 20,
          })),
        ),
      );
      const found = await store.getEndpointsByKey([
        { entityRef: cart, environment: 'qa' },
        { entityRef: cart, environment: 'production' },
        { entityRef: cart, environment: 'development' },
        { entityRef: 'component:default/other', environment: 'production' },
      ]);
      expect(found.map(e => [e.environment, e.state.status]).sort()).toEqual([
        ['production', 'up'],
        ['qa', 'down'],
      ]);
    });

    it('keeps the order of transitions within a batch', async () => {
      const { store } = await createStore(databaseId);
      const at = (minute: number) =>
        new Date(Date.UTC(2026, 10, 22, 10, minute));
      // Down at once, back up after two successes, down after three failures.
      const records = recordsOf(
        [false, true, true, false, false, false].map((up, minute) => ({
          entityRef: cart,
          environment: 'production',
          up,
          at: at(minute),
          latencyMs: 20,
        })),
      );
      await store.recordProbes(records);
      const transitions = await store.getTransitions(cart, {
        from: at(0),
        to: at(59),
      });
      expect(transitions.map(t => `${t.from}->${t.to}@${t.at}`)).toEqual([
        'unknown->down@2026-11-22T10:00:00.000Z',
        'down->up@2026-11-22T10:02:00.000Z',
        'up->down@2026-11-22T10:05:00.000Z',
      ]);
      const [hour] = await store.getRollups(cart, { from: at(0), to: at(59) });
      expect(hour).toMatchObject({ probes: 6, failures: 4 });
      expect((await store.getEndpoint(cart, 'production'))?.state).toEqual(
        records[5].state,
      );
    });
  },
);
