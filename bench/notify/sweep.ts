/*
 * What a health sweep leaves behind for the notifier: the endpoints' states
 * (stored before anything is published) and its `health.changed` events,
 * published in batches as the sweep's writer stores them.
 */
import type {
  EndpointKey,
  StoredEndpoint,
} from '../../plugins/opsready-backend/src/database/HealthStore';
import type { DomainEvent } from '../../plugins/opsready-backend/src/notifications/types';
import type { Endpoint } from './fleet';

type HealthChanged = Extract<DomainEvent, { type: 'health.changed' }>;

/** The health store's states, in memory: what `getEndpointsByKey` reads. */
export class EndpointStates {
  private readonly states = new Map<string, StoredEndpoint>();

  /** Stores the states the events say the endpoints are in now. */
  record(events: HealthChanged[]) {
    for (const e of events) {
      this.states.set(`${e.entityRef}|${e.environment}`, {
        entityRef: e.entityRef,
        environment: e.environment,
        url: e.url,
        state: {
          status: e.to,
          consecutiveFailures: e.to === 'down' ? 3 : 0,
          consecutiveSuccesses: e.to === 'up' ? 3 : 0,
          recentTransitions: [],
          flapping: false,
          since: e.at,
        },
      });
    }
  }

  async getEndpointsByKey(keys: EndpointKey[]): Promise<StoredEndpoint[]> {
    return keys
      .map(k => this.states.get(`${k.entityRef}|${k.environment}`))
      .filter((e): e is StoredEndpoint => e !== undefined);
  }
}

/** A small seeded generator (mulberry32), so that a run can be repeated. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * The events of endpoints changing to `to`, in batches of `batchSize`, in a
 * random order, except that the `last` endpoints (the shared dependencies)
 * are somewhere in the last batch: the notifier meets every dependant
 * before it meets the cause. Each change is at its probe's time, spread
 * over the `sweepMs` before `end`, as a sweep's are.
 */
export function sweepBatches(options: {
  endpoints: Endpoint[];
  last: Endpoint[];
  to: 'up' | 'down';
  end: Date;
  sweepMs: number;
  batchSize: number;
  random: () => number;
}): HealthChanged[][] {
  const { batchSize, random } = options;
  const order = shuffle(options.endpoints, random);
  const total = order.length + options.last.length;
  const lastBatchStart = Math.floor((total - 1) / batchSize) * batchSize;
  for (const endpoint of options.last) {
    const at =
      lastBatchStart +
      Math.floor(random() * (order.length - lastBatchStart + 1));
    order.splice(at, 0, endpoint);
  }
  const start = options.end.getTime() - options.sweepMs;
  const events = order.map(
    (e, i): HealthChanged => ({
      type: 'health.changed',
      entityRef: e.entityRef,
      environment: e.environment,
      url: e.url,
      to: options.to,
      at: new Date(
        start + Math.round((i * options.sweepMs) / total),
      ).toISOString(),
      reason: options.to === 'down' ? 'connection refused' : undefined,
      flapping: false,
    }),
  );
  const batches: HealthChanged[][] = [];
  for (let i = 0; i < events.length; i += batchSize) {
    batches.push(events.slice(i, i + batchSize));
  }
  return batches;
}
