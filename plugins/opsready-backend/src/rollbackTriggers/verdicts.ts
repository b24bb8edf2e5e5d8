import { RollbackEvidence } from '@opsready/plugin-opsready-common';

/*
 * The verdict of each rollback trigger on figures already measured, and the
 * sentence people read (it becomes part of the "rollback advised" reason).
 * Pure, so that the thresholds are tested without Prometheus.
 */

/** What the evidence of one deployment has in common. */
export interface Measured {
  version: string;
  server: string;
  window: { from: string; to: string };
  /** Requests since the deployment. */
  requests: number;
  /** Fewer requests give no verdict. */
  minRequests: number;
}

/** A share as people read it: 0.123 → "12.3", 0.05 → "5". */
const percent = (share: number) => String(Number((share * 100).toFixed(1)));

const tooFew = (m: Measured) =>
  `Only ${Math.round(m.requests)} requests since ${
    m.version
  } was deployed, fewer than the ${m.minRequests} a verdict needs`;

/** Fires when the error share since the deployment is above `threshold`. */
export function errorRateVerdict(
  m: Measured,
  measured: { query: string; ratio: number | undefined; threshold: number },
): RollbackEvidence {
  const { query, threshold } = measured;
  // No requests: no errors either.
  const ratio = measured.ratio ?? 0;
  const enough = m.requests >= m.minRequests;
  const fired = enough && ratio > threshold;
  const message = !enough
    ? tooFew(m)
    : `Error rate ${percent(ratio)} % since ${m.version} was deployed, ${
        fired ? 'above' : 'within'
      } ${percent(threshold)} %`;
  return {
    trigger: 'error-rate',
    query,
    server: m.server,
    after: ratio,
    threshold,
    unit: 'ratio',
    window: m.window,
    fired,
    message,
  };
}

/**
 * Fires when p95 since the deployment is more than (1 + threshold) times
 * p95 over the hour before it. Undefined when there is no p95 since the
 * deployment (no requests with a duration).
 */
export function latencyVerdict(
  m: Measured,
  measured: {
    query: string;
    beforeMs: number | undefined;
    afterMs: number | undefined;
    threshold: number;
  },
): RollbackEvidence | undefined {
  const { query, beforeMs, afterMs, threshold } = measured;
  if (afterMs === undefined) return undefined;
  const enough = m.requests >= m.minRequests;
  const comparable = beforeMs !== undefined && beforeMs > 0;
  const fired = enough && comparable && afterMs > beforeMs * (1 + threshold);
  let message: string;
  if (!enough) {
    message = tooFew(m);
  } else if (!comparable) {
    message = `p95 latency ${Math.round(afterMs)} ms since ${
      m.version
    } was deployed; no requests in the hour before to compare with`;
  } else {
    const change = afterMs / beforeMs - 1;
    const shift = percent(Math.abs(change));
    const hourBefore = `${Math.round(beforeMs)} ms of the hour before`;
    const against =
      Number(shift) === 0
        ? `as the ${hourBefore}`
        : `${shift} % ${change > 0 ? 'above' : 'below'} the ${hourBefore}`;
    message = `p95 latency ${Math.round(afterMs)} ms since ${
      m.version
    } was deployed, ${against}, ${fired ? 'more than' : 'within'} +${percent(
      threshold,
    )} %`;
  }
  return {
    trigger: 'latency',
    query,
    server: m.server,
    ...(beforeMs !== undefined ? { before: beforeMs } : {}),
    after: afterMs,
    threshold,
    unit: 'ms',
    window: m.window,
    fired,
    message,
  };
}
