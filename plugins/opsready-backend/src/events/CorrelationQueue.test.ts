import { mockServices } from '@backstage/backend-test-utils';
import { CorrelationQueue, CorrelationWork } from './CorrelationQueue';

const cart = 'component:default/cartservice';
const payment = 'component:default/paymentservice';
const at = (minute: number) =>
  new Date(Date.parse('2026-11-24T10:00:00Z') + minute * 60_000);

function setUp(options: { fail?: boolean; coalesceMs?: number } = {}) {
  const runs: Array<{ work: CorrelationWork; phase: 'start' | 'end' }> = [];
  let release: () => void = () => {};
  let hold: Promise<void> | undefined;
  const logger = mockServices.logger.mock();
  const queue = new CorrelationQueue({
    logger,
    coalesceMs: options.coalesceMs ?? 10,
    correlate: async work => {
      runs.push({ work, phase: 'start' });
      await hold;
      runs.push({ work, phase: 'end' });
      if (options.fail) throw new Error('database gone');
    },
  });
  const started = () =>
    runs
      .filter(r => r.phase === 'start')
      .map(
        r =>
          `${r.work.entityRef} ${
            r.work.environment
          } ${r.work.since.toISOString()}`,
      );
  return {
    queue,
    logger,
    runs,
    started,
    /** Makes correlation wait until `release()`. */
    holdRuns: () => {
      hold = new Promise(resolve => {
        release = resolve;
      });
    },
    release: () => release(),
  };
}

describe('CorrelationQueue', () => {
  it('correlates each environment once for a burst of events, from the earliest', async () => {
    const { queue, started } = setUp();
    queue.add([
      { entityRef: cart, environment: 'production', since: at(5) },
      { entityRef: cart, environment: 'production', since: at(2) },
      { entityRef: cart, environment: 'staging', since: at(7) },
    ]);
    queue.add([{ entityRef: cart, environment: 'production', since: at(9) }]);
    expect(started()).toEqual([]);

    await queue.settled();
    expect(started()).toEqual([
      `${cart} production ${at(2).toISOString()}`,
      `${cart} staging ${at(7).toISOString()}`,
    ]);
  });

  it('runs in rounds of its own when nobody reads', async () => {
    const { queue, started } = setUp({ coalesceMs: 1 });
    queue.add([{ entityRef: cart, environment: 'production', since: at(1) }]);
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(started()).toEqual([`${cart} production ${at(1).toISOString()}`]);
  });

  it('lets a reader wait for its entity only, and correlates it before the round', async () => {
    const { queue, started } = setUp({ coalesceMs: 60_000 });
    queue.add([
      { entityRef: cart, environment: 'production', since: at(1) },
      { entityRef: payment, environment: 'production', since: at(1) },
    ]);
    await queue.settled([payment]);
    expect(started()).toEqual([`${payment} production ${at(1).toISOString()}`]);
    await queue.stop();
    expect(started()).toHaveLength(2);
  });

  it('never runs one environment twice at once, and a reader waits for the run under way', async () => {
    const { queue, runs, holdRuns, release } = setUp({ coalesceMs: 1 });
    holdRuns();
    queue.add([{ entityRef: cart, environment: 'production', since: at(1) }]);
    await new Promise(resolve => setTimeout(resolve, 20));
    // Written while the first run is under way: correlated after it.
    queue.add([{ entityRef: cart, environment: 'production', since: at(3) }]);
    const read = queue.settled([cart]);
    let settled = false;
    read.then(() => {
      settled = true;
    });
    await new Promise(resolve => setTimeout(resolve, 20));
    expect(settled).toBe(false);
    release();
    await read;
    expect(runs.map(r => `${r.phase} ${r.work.since.getUTCMinutes()}`)).toEqual(
      ['start 1', 'end 1', 'start 3', 'end 3'],
    );
  });

  it('lets a reader take an environment the round has not reached yet', async () => {
    const { queue, started, holdRuns, release } = setUp({ coalesceMs: 1 });
    holdRuns();
    queue.add([
      { entityRef: cart, environment: 'production', since: at(1) },
      { entityRef: payment, environment: 'production', since: at(1) },
    ]);
    await new Promise(resolve => setTimeout(resolve, 20));
    // The round is held on the cart; the payment service waits its turn.
    expect(started()).toEqual([`${cart} production ${at(1).toISOString()}`]);
    const read = queue.settled([payment]);
    await new Promise(resolve => setTimeout(resolve, 20));
    expect(started()).toEqual([
      `${cart} production ${at(1).toISOString()}`,
      `${payment} production ${at(1).toISOString()}`,
    ]);
    release();
    await read;
    await queue.stop();
    // Taken by the reader, the payment service is not correlated twice.
    expect(started()).toHaveLength(2);
  });

  it('correlates what waits on stop, and work added afterwards at once', async () => {
    const { queue, started } = setUp({ coalesceMs: 60_000 });
    queue.add([{ entityRef: cart, environment: 'production', since: at(1) }]);
    await queue.stop();
    expect(started()).toEqual([`${cart} production ${at(1).toISOString()}`]);
    // During shutdown no round is coming: a late write is not left waiting.
    queue.add([
      { entityRef: payment, environment: 'production', since: at(3) },
    ]);
    await new Promise(resolve => setTimeout(resolve, 10));
    expect(started()).toEqual([
      `${cart} production ${at(1).toISOString()}`,
      `${payment} production ${at(3).toISOString()}`,
    ]);
  });

  it('logs a failed correlation and goes on', async () => {
    const { queue, logger, started } = setUp({ fail: true });
    queue.add([
      { entityRef: cart, environment: 'production', since: at(1) },
      { entityRef: cart, environment: 'staging', since: at(1) },
    ]);
    await expect(queue.settled()).resolves.toBeUndefined();
    expect(started()).toHaveLength(2);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        `Could not correlate the events of ${cart} in production: Error: database gone`,
      ),
    );
  });
});
