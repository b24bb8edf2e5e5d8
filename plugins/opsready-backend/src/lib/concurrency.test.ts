import { mapWithConcurrency } from './concurrency';

describe('mapWithConcurrency', () => {
  it('keeps the order of the results and never runs more than the limit at once', async () => {
    let running = 0;
    let most = 0;
    const results = await mapWithConcurrency(
      [5, 1, 4, 2, 3],
      2,
      async delay => {
        running += 1;
        most = Math.max(most, running);
        await new Promise(resolve => setTimeout(resolve, delay));
        running -= 1;
        return delay * 10;
      },
    );
    expect(results).toEqual([50, 10, 40, 20, 30]);
    expect(most).toBe(2);
  });

  it('starts nothing more after a failure and throws the failure', async () => {
    const started: number[] = [];
    await expect(
      mapWithConcurrency([1, 2, 3, 4], 1, async item => {
        started.push(item);
        if (item === 2) {
          throw new Error('item 2 failed');
        }
        return item;
      }),
    ).rejects.toThrow('item 2 failed');
    await new Promise(resolve => setTimeout(resolve, 10));
    expect(started).toEqual([1, 2]);
  });

  it('answers an empty list with an empty list', async () => {
    await expect(mapWithConcurrency([], 4, async () => 1)).resolves.toEqual([]);
  });
});
