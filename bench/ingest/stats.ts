/** Latency figures of a set of samples, in milliseconds. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  // Nearest rank: the smallest sample with at least p% at or below it.
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function summarize(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? NaN,
  };
}

export const ms = (value: number) =>
  Number.isNaN(value) ? '-' : `${value.toFixed(1)} ms`;

/** A Markdown table, so that the figures paste into the README as they are. */
export function table(header: string[], body: Array<Array<string | number>>) {
  const cells = [header, ...body.map(row => row.map(String))];
  const widths = header.map((_, i) =>
    Math.max(...cells.map(row => row[i].length)),
  );
  const line = (row: string[]) =>
    `| ${row.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  return [
    line(cells[0]),
    `| ${widths.map(w => '-'.repeat(w)).join(' | ')} |`,
    ...cells.slice(1).map(line),
  ].join('\n');
}
