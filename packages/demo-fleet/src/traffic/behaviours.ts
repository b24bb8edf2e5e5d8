/*
 * How the demo services answer their ordinary traffic (`/`), as a function
 * of the time since their last production deployment: the same function
 * drives the live services and the backfilled history, so that the metrics
 * Prometheus has before the demo started join the live ones.
 */

/** What a demo service's traffic does after its last deployment. */
export type TrafficBehaviour =
  | 'steady'
  | 'slowAfterDeployment'
  | 'failingAfterDeployment';

/** How requests are answered at one moment. */
export interface TrafficShape {
  /** Each request takes a time drawn evenly between these two. */
  minDelayMs: number;
  maxDelayMs: number;
  /** The share of requests answered 500. */
  errorRatio: number;
}

/** A healthy service: p95 under 100 ms, no errors. */
export const STEADY: TrafficShape = {
  minDelayMs: 20,
  maxDelayMs: 80,
  errorRatio: 0,
};

/**
 * Slow after its deployment: p95 near a second, ten times what it was the
 * hour before, and well past a 300 ms objective.
 */
export const SLOW: TrafficShape = {
  minDelayMs: 350,
  maxDelayMs: 650,
  errorRatio: 0,
};

/** The error ratio just after a failing deployment, and where it levels off. */
export const FAILING_START_RATIO = 0.01;
export const FAILING_PEAK_RATIO = 0.25;
/** How long the error ratio takes to climb from start to peak. */
export const FAILING_RAMP_MS = 5 * 60_000;

/**
 * The shape of a service's traffic `msSinceDeployment` after its last
 * deployment (negative or undefined: before it, or none).
 */
export function trafficShape(
  behaviour: TrafficBehaviour,
  msSinceDeployment: number | undefined,
): TrafficShape {
  if (
    behaviour === 'steady' ||
    msSinceDeployment === undefined ||
    msSinceDeployment < 0
  ) {
    return STEADY;
  }
  if (behaviour === 'slowAfterDeployment') {
    return SLOW;
  }
  // A leak that gets worse: the share of failing requests climbs past 5 %
  // within about a minute, and levels off at a quarter of them.
  const progress = Math.min(1, msSinceDeployment / FAILING_RAMP_MS);
  return {
    ...STEADY,
    errorRatio:
      FAILING_START_RATIO +
      (FAILING_PEAK_RATIO - FAILING_START_RATIO) * progress,
  };
}

/**
 * The share of requests of `shape` answered within `seconds`: what a
 * histogram bucket with that bound counts.
 */
export function shareWithin(shape: TrafficShape, seconds: number): number {
  const ms = seconds * 1000;
  if (ms >= shape.maxDelayMs) return 1;
  if (ms <= shape.minDelayMs) return 0;
  return (ms - shape.minDelayMs) / (shape.maxDelayMs - shape.minDelayMs);
}

/** One request's answer: its delay and whether it fails. */
export function drawAnswer(
  shape: TrafficShape,
  random: () => number,
): { delayMs: number; fails: boolean } {
  return {
    delayMs:
      shape.minDelayMs + (shape.maxDelayMs - shape.minDelayMs) * random(),
    fails: random() < shape.errorRatio,
  };
}
