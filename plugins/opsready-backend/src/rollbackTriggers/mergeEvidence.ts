import { RollbackEvidence } from '@opsready/plugin-opsready-common';

const ORDER: Array<RollbackEvidence['trigger']> = ['error-rate', 'latency'];

/**
 * The evidence to keep after a new measurement. A trigger that fired stays
 * as it was when it fired: the figures since the deployment drift as
 * traffic goes on (an error burst is diluted by later requests), and a
 * rollback advised must not be withdrawn and advised again, notifying the
 * owners each time. A trigger the new measurement has no figure for keeps
 * its last one.
 */
export function mergeEvidence(
  previous: RollbackEvidence[],
  next: RollbackEvidence[],
): RollbackEvidence[] {
  const byTrigger = new Map<RollbackEvidence['trigger'], RollbackEvidence>();
  for (const e of previous) byTrigger.set(e.trigger, e);
  for (const e of next) {
    if (!byTrigger.get(e.trigger)?.fired) byTrigger.set(e.trigger, e);
  }
  return ORDER.flatMap(trigger => {
    const e = byTrigger.get(trigger);
    return e ? [e] : [];
  });
}
