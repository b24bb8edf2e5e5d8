/**
 * Latency kept as counts in fixed buckets, so that a rollup stays a few
 * numbers however many probes it covers, rollups merge by adding counts,
 * and percentiles come out with the bucket's precision.
 */
export const LATENCY_BUCKETS_MS = [
  5, 10, 25, 50, 75, 100, 150, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000,
  10000,
];

/** Counts per bucket; the last one counts everything above the last edge. */
export type LatencyHistogram = number[];

export function emptyHistogram(): LatencyHistogram {
  return new Array(LATENCY_BUCKETS_MS.length + 1).fill(0);
}

export function recordLatency(histogram: LatencyHistogram, ms: number): void {
  const index = LATENCY_BUCKETS_MS.findIndex(edge => ms <= edge);
  histogram[index < 0 ? LATENCY_BUCKETS_MS.length : index] += 1;
}

export function mergeHistograms(
  a: LatencyHistogram,
  b: LatencyHistogram,
): LatencyHistogram {
  return a.map((count, i) => count + (b[i] ?? 0));
}

/**
 * The latency under which `quantile` of the probes fell, as the upper edge
 * of its bucket; undefined with no probes.
 */
export function percentile(
  histogram: LatencyHistogram,
  quantile: number,
): number | undefined {
  const total = histogram.reduce((sum, n) => sum + n, 0);
  if (total === 0) {
    return undefined;
  }
  const rank = Math.ceil(quantile * total);
  let seen = 0;
  for (let i = 0; i < histogram.length; i++) {
    seen += histogram[i];
    if (seen >= rank) {
      return (
        LATENCY_BUCKETS_MS[i] ??
        LATENCY_BUCKETS_MS[LATENCY_BUCKETS_MS.length - 1]
      );
    }
  }
  return undefined;
}
