import pLimit from 'p-limit';

/**
 * Maps items through an async function with at most `concurrency` calls in
 * flight, keeping the order of the results. After a call fails no further
 * call starts, and the first failure is thrown.
 */
export async function mapWithConcurrency<T, R>(
  items: ReadonlyArray<T>,
  concurrency: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const limit = pLimit(concurrency);
  return Promise.all(
    items.map(item =>
      limit(async () => {
        try {
          return await fn(item);
        } catch (error) {
          limit.clearQueue();
          throw error;
        }
      }),
    ),
  );
}
