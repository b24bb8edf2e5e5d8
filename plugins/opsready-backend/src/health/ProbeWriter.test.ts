import { HealthStore, ProbeRecord } from '../database/HealthStore';
import { initialEndpointState } from './endpointState';
import { ProbeWriter } from './ProbeWriter';

const record = (i: number): ProbeRecord => ({
  entityRef: `component:default/svc-${i}`,
  environment: 'production',
  url: `http://10.0.0.1/ep-${i}`,
  state: initialEndpointState,
  probe: { up: true, outcome: 'answered', at: new Date(0), latencyMs: 3 },
});

/**
 * A store whose writes wait until `release()` ends the oldest one,
 * recording each batch.
 */
function slowStore() {
  const batches: number[][] = [];
  const waiting: Array<() => void> = [];
  const store = {
    recordProbes: (records: ProbeRecord[]) => {
      batches.push(records.map(r => Number(r.entityRef.split('-').pop())));
      return new Promise<void>(r => waiting.push(r));
    },
  } as Partial<HealthStore> as HealthStore;
  return { store, batches, release: () => waiting.shift()?.() };
}

const tick = () => new Promise(r => setImmediate(r));

describe('ProbeWriter', () => {
  it('writes the probes that gathered during a slow write as one larger batch, in order', async () => {
    const { store, batches, release } = slowStore();
    const writer = new ProbeWriter({
      store,
      batchSize: 100,
      maxBatchSize: 400,
      maxDelayMs: 60_000,
    });
    for (let i = 0; i < 100; i++) writer.add(record(i));
    // 350 more come while the first batch is written.
    for (let i = 100; i < 450; i++) writer.add(record(i));
    await tick();
    expect(batches.map(b => b.length)).toEqual([100]);
    release();
    await tick();
    // Not three more batches of 100: one of at most 400, then the rest.
    expect(batches.map(b => b.length)).toEqual([100, 350]);
    release();
    const closed = writer.close();
    await tick();
    release();
    await closed;
    expect(batches.flat()).toEqual(Array.from({ length: 450 }, (_, i) => i));
  });

  it('writes a partial batch after the delay, also one left over by a larger write', async () => {
    jest.useFakeTimers();
    try {
      const { store, batches, release } = slowStore();
      const writer = new ProbeWriter({
        store,
        batchSize: 100,
        maxBatchSize: 100,
        maxDelayMs: 1_000,
      });
      for (let i = 0; i < 150; i++) writer.add(record(i));
      expect(batches.map(b => b.length)).toEqual([100]);
      release();
      await Promise.resolve();
      await Promise.resolve();
      // The 50 left wait for the delay, not for 50 more probes.
      expect(batches.map(b => b.length)).toEqual([100]);
      await jest.advanceTimersByTimeAsync(1_000);
      expect(batches.map(b => b.length)).toEqual([100, 50]);
      release();
      await writer.close();
    } finally {
      jest.useRealTimers();
    }
  });

  it('writes two full batches at once when asked to, and folds the rest into the next', async () => {
    const { store, batches, release } = slowStore();
    const writer = new ProbeWriter({
      store,
      batchSize: 100,
      maxBatchSize: 400,
      maxDelayMs: 60_000,
      concurrency: 2,
    });
    for (let i = 0; i < 250; i++) writer.add(record(i));
    await tick();
    // The second writer starts at the second full batch; the 50 after wait.
    expect(batches.map(b => b.length)).toEqual([100, 100]);
    for (let i = 250; i < 400; i++) writer.add(record(i));
    release();
    await tick();
    expect(batches.map(b => b.length)).toEqual([100, 100, 200]);
    const closed = writer.close();
    for (let i = 0; i < 3; i++) {
      release();
      await tick();
    }
    await closed;
    expect(batches.flat().sort((a, b) => a - b)).toEqual(
      Array.from({ length: 400 }, (_, i) => i),
    );
  });
});
