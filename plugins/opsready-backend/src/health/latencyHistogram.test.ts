import {
  emptyHistogram,
  mergeHistograms,
  percentile,
  recordLatency,
} from './latencyHistogram';

describe('latency histogram', () => {
  it('gives percentiles to the precision of its buckets', () => {
    const h = emptyHistogram();
    for (let i = 0; i < 90; i++) recordLatency(h, 40); // <= 50 ms
    for (let i = 0; i < 9; i++) recordLatency(h, 180); // <= 200 ms
    recordLatency(h, 4000); // <= 5000 ms
    expect(percentile(h, 0.5)).toBe(50);
    expect(percentile(h, 0.95)).toBe(200);
    expect(percentile(h, 0.99)).toBe(200);
    expect(percentile(h, 1)).toBe(5000);
  });

  it('merges by adding counts, and has no percentile when empty', () => {
    const a = emptyHistogram();
    const b = emptyHistogram();
    recordLatency(a, 7);
    recordLatency(b, 700);
    recordLatency(b, 60_000);
    const merged = mergeHistograms(a, b);
    expect(merged.reduce((s, n) => s + n, 0)).toBe(3);
    expect(percentile(merged, 0.5)).toBe(750);
    expect(percentile(merged, 1)).toBe(10000);
    expect(percentile(emptyHistogram(), 0.95)).toBeUndefined();
  });
});
