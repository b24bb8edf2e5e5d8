/**
 * Parsing of the values people write for objectives, in annotations and in
 * YAML: an availability target, a latency objective, a window. Each parser
 * returns the value, or a problem saying what is wrong with it (the caller
 * names where it was written).
 */

/** A parsed value, or why it could not be parsed. */
export type Parsed<T> = { value: T } | { problem: string };

/** The shortest and longest SLO windows, in days. */
export const MIN_WINDOW_DAYS = 1;
export const MAX_WINDOW_DAYS = 90;
/** The SLO window when none is given: four weeks, as the SRE workbook's examples. */
export const DEFAULT_WINDOW_DAYS = 28;

/** The lowest and highest percentiles a latency objective may name. */
export const MIN_PERCENTILE = 50;
export const MAX_PERCENTILE = 99.9;

const NUMBER = /^\d+(\.\d+)?$/;

/**
 * An availability target as a share between 0 and 1, exclusive, from
 * `99.9%`, `99.9` or `0.999`. A number written without `%` is a share when
 * it is at most 1 and a percentage above, since nobody means 0.999 %.
 */
export function parseAvailability(input: unknown): Parsed<number> {
  const text = String(input ?? '').trim();
  const percent = text.endsWith('%');
  const digits = percent ? text.slice(0, -1).trim() : text;
  if (!NUMBER.test(digits)) {
    return {
      problem: `"${text}" is not an availability target; write a percentage such as 99.9%`,
    };
  }
  const number = Number(digits);
  const share = percent || number > 1 ? number / 100 : number;
  if (!(share > 0 && share < 1)) {
    return {
      problem: `the availability target ${text} is not between 0 and 100 % exclusive`,
    };
  }
  // Rounded to what a person writes: 99.9 / 100 is 0.9990000000000001.
  return { value: Number(share.toPrecision(12)) };
}

/** Milliseconds per unit of a latency threshold. */
const LATENCY_UNITS: Record<string, number> = { ms: 1, s: 1000 };

const LATENCY = /^p(\d+(?:\.\d+)?)\s*<\s*(\d+(?:\.\d+)?)\s*([a-zµ]*)$/i;

/** A latency objective without its window. */
export interface LatencyBound {
  percentile: number;
  thresholdMs: number;
}

function checkedBound(
  percentile: number,
  thresholdMs: number,
): Parsed<LatencyBound> {
  if (
    !Number.isFinite(percentile) ||
    percentile < MIN_PERCENTILE ||
    percentile > MAX_PERCENTILE
  ) {
    return {
      problem: `the percentile ${percentile} is not from ${MIN_PERCENTILE} to ${MAX_PERCENTILE}`,
    };
  }
  if (!Number.isFinite(thresholdMs) || thresholdMs <= 0) {
    return {
      problem: `the latency threshold ${thresholdMs} ms is not above 0`,
    };
  }
  return { value: { percentile, thresholdMs } };
}

/**
 * A latency objective from `p95 < 200ms` (units ms or s), or from a YAML
 * mapping `{ percentile: 95, thresholdMs: 200 }`.
 */
export function parseLatency(input: unknown): Parsed<LatencyBound> {
  if (input && typeof input === 'object' && !Array.isArray(input)) {
    const { percentile, thresholdMs, ...rest } = input as Record<
      string,
      unknown
    >;
    const unknownKeys = Object.keys(rest);
    if (unknownKeys.length > 0) {
      return {
        problem: `the latency objective has unknown keys ${unknownKeys.join(
          ', ',
        )}; write { percentile: 95, thresholdMs: 200 }`,
      };
    }
    if (typeof percentile !== 'number' || typeof thresholdMs !== 'number') {
      return {
        problem:
          'the latency objective needs numbers percentile and thresholdMs, e.g. { percentile: 95, thresholdMs: 200 }',
      };
    }
    return checkedBound(percentile, thresholdMs);
  }
  const text = String(input ?? '').trim();
  const match = LATENCY.exec(text);
  if (!match) {
    return {
      problem: `"${text}" is not a latency objective; write it as p95 < 200ms`,
    };
  }
  const [, percentile, threshold, unit] = match;
  const factor = LATENCY_UNITS[unit.toLowerCase()];
  if (factor === undefined) {
    return {
      problem: `the latency threshold in "${text}" has ${
        unit ? `the unknown unit ${unit}` : 'no unit'
      }; write ms or s, e.g. p95 < 200ms`,
    };
  }
  return checkedBound(Number(percentile), Number(threshold) * factor);
}

const WINDOW = /^(\d+)\s*([a-z]*)$/i;

/** A window in whole days, from `28d` (or a bare number of days in YAML). */
export function parseWindow(input: unknown): Parsed<number> {
  const text = String(input ?? '').trim();
  const match = WINDOW.exec(text);
  if (!match) {
    return {
      problem: `"${text}" is not a window; write a number of days such as 28d`,
    };
  }
  const [, days, unit] = match;
  if (
    unit.toLowerCase() !== 'd' &&
    !(unit === '' && typeof input === 'number')
  ) {
    return {
      problem: `the window "${text}" has ${
        unit ? `the unknown unit ${unit}` : 'no unit'
      }; write days, e.g. 28d`,
    };
  }
  const value = Number(days);
  if (value < MIN_WINDOW_DAYS || value > MAX_WINDOW_DAYS) {
    return {
      problem: `the window ${text} is not from ${MIN_WINDOW_DAYS}d to ${MAX_WINDOW_DAYS}d`,
    };
  }
  return { value };
}
