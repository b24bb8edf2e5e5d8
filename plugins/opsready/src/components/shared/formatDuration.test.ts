import { formatDuration } from './formatDuration';

describe('formatDuration', () => {
  it.each([
    [undefined, '—'],
    [450, '450 ms'],
    [45_000, '45 s'],
    [200_000, '3 min 20 s'],
    [7_500_000, '2 h 5 min'],
    [3_600_000, '1 h'],
    [273_600_000, '3 d 4 h'],
  ])('%s ms reads as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
