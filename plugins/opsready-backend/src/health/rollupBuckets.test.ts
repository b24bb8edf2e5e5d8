import { bucketStartOf } from './rollupBuckets';

describe('bucketStartOf', () => {
  it('gives the UTC hour or day a time falls in, a start being its own', () => {
    const at = new Date('2026-11-22T10:42:13.500Z');
    expect(bucketStartOf(at, 'hour').toISOString()).toBe(
      '2026-11-22T10:00:00.000Z',
    );
    expect(bucketStartOf(at, 'day').toISOString()).toBe(
      '2026-11-22T00:00:00.000Z',
    );
    const start = new Date('2026-11-22T10:00:00.000Z');
    expect(bucketStartOf(start, 'hour')).toEqual(start);
  });
});
