import { RollbackEvidence } from '@opsready/plugin-opsready-common';
import { DateTime } from 'luxon';

/** "Error rate" or "Latency (p95)". */
export function triggerLabel(evidence: RollbackEvidence): string {
  return evidence.trigger === 'error-rate' ? 'Error rate' : 'Latency (p95)';
}

function figure(value: number, evidence: RollbackEvidence): string {
  const ms = evidence.unit === 'ms' || evidence.trigger === 'latency';
  if (ms) return `${Math.round(value)} ms`;
  return `${Number((value * 100).toFixed(2))} %`;
}

/**
 * Before → after against the threshold, as the trigger reads it: an error
 * rate fires above a share of requests, latency above an increase on the
 * hour before. "0.2 % → 8.3 % (fires above 5 %)",
 * "180 ms → 190 ms (+6 %; fires above +50 %)".
 */
export function evidenceFigures(evidence: RollbackEvidence): string {
  const after = figure(evidence.after, evidence);
  const before =
    evidence.before === undefined
      ? undefined
      : figure(evidence.before, evidence);
  if (evidence.trigger === 'error-rate') {
    return `${
      before === undefined
        ? `${after} since the deployment`
        : `${before} → ${after}`
    } (fires above ${figure(evidence.threshold, evidence)})`;
  }
  if (before === undefined) {
    return `${after}, nothing to compare with (fires above +${Math.round(
      evidence.threshold * 100,
    )} %)`;
  }
  const limit = `fires above +${Math.round(evidence.threshold * 100)} %`;
  if (evidence.before === undefined || evidence.before <= 0) {
    return `${before} → ${after} (${limit})`;
  }
  const change = Math.round((evidence.after / evidence.before - 1) * 100);
  return `${before} → ${after} (${
    change >= 0 ? '+' : ''
  }${change} %; ${limit})`;
}

/** The window the "after" figure covers, in the user's time zone. */
export function evidenceWindow(evidence: RollbackEvidence): string {
  const from = DateTime.fromISO(evidence.window.from);
  const to = DateTime.fromISO(evidence.window.to);
  const sameDay = from.hasSame(to, 'day');
  return `${from.toLocaleString(DateTime.DATETIME_SHORT)} – ${to.toLocaleString(
    sameDay ? DateTime.TIME_SIMPLE : DateTime.DATETIME_SHORT,
  )}`;
}

/**
 * One short line for the history table, where the figures must fit a
 * column: "Error rate 8.3 % (limit 5 %)", "p95 +6 % (limit +50 %)".
 */
export function evidenceSummary(evidence: RollbackEvidence): string {
  if (evidence.trigger === 'error-rate') {
    return `Error rate ${figure(evidence.after, evidence)} (limit ${figure(
      evidence.threshold,
      evidence,
    )})`;
  }
  const limit = `limit +${Math.round(evidence.threshold * 100)} %`;
  if (evidence.before === undefined || evidence.before <= 0) {
    return `p95 ${figure(evidence.after, evidence)} (${limit})`;
  }
  const change = Math.round((evidence.after / evidence.before - 1) * 100);
  return `p95 ${change >= 0 ? '+' : ''}${change} % (${limit})`;
}
