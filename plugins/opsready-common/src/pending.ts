import { CheckResult } from './types';

/**
 * How long checks may stay pending, counted from when OpsReady first
 * evaluated the entity.
 *
 * @public
 */
export interface PendingWindow {
  /**
   * When OpsReady first evaluated the entity: the first evaluation it
   * stored, or now for an entity never evaluated (a template run, a
   * service just registered). Catalog annotations and creation times are
   * not used: anyone can write them, and an old entity newly picked up is
   * new to OpsReady's sources too.
   */
  firstSeenAt: Date;
  /** How long after `firstSeenAt` a check may stay pending, in milliseconds. */
  pendingForMs: number;
}

/** The default of `opsready.checks.pendingFor`: seven days. @public */
export const DEFAULT_PENDING_FOR_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * When checks of an entity stop being pending.
 *
 * @public
 */
export function pendingUntil(window: PendingWindow): Date {
  return new Date(window.firstSeenAt.getTime() + window.pendingForMs);
}

/**
 * Applies the pending rule to an evaluation's results. A `pending` result
 * (its source works but has no data for the entity yet) stays pending,
 * with the time it stops being so, while the entity is within its pending
 * window; after that it becomes `unknown`, and counts as not passed like
 * any missing data. Every other result is returned as it is.
 *
 * Both the backend's evaluation and a template's promised score go through
 * here, so that the two agree on a new service.
 *
 * @public
 */
export function settlePending<T extends CheckResult>(
  results: ReadonlyArray<T>,
  window: PendingWindow,
  now: Date,
): T[] {
  const until = pendingUntil(window);
  const expired = now.getTime() >= until.getTime();
  return results.map(result => {
    if (result.status !== 'pending') {
      return result;
    }
    const { pendingUntil: _previous, ...rest } = result;
    if (!expired) {
      return { ...rest, pendingUntil: until.toISOString() } as T;
    }
    return {
      ...rest,
      status: 'unknown',
      message: `No data arrived by ${until
        .toISOString()
        .slice(
          0,
          10,
        )}, the end of its pending time, so it counts as unknown now. ${
        result.message
      }`,
    } as T;
  });
}
