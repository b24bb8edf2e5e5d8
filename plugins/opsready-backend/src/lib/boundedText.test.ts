import { boundedJoin, truncate } from './boundedText';

describe('bounded text', () => {
  it('cuts a long text with an ellipsis, and leaves a short one alone', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
  });

  it('lists parts up to the bound and counts the rest', () => {
    const parts = Array.from({ length: 500 }, (_, i) => `items.${i}: wrong`);
    const joined = boundedJoin(parts, '; ', 100);
    expect(joined.length).toBeLessThan(130);
    expect(joined).toMatch(
      /^items\.0: wrong; items\.1: wrong; .*; and \d+ more$/,
    );
    expect(boundedJoin(['a', 'b'], ', ')).toBe('a, b');
  });
});
