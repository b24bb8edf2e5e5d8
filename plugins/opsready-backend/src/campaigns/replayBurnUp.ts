import type {
  BurnUpPoint,
  CampaignEntityStatus,
  CheckResult,
} from '@opsready/plugin-opsready-common';
import { DateTime } from 'luxon';
import { campaignStatus, GoalContext } from './campaignStatus';
import type { CampaignHistory } from './types';

/** What one entity had at the instant the sweep has reached. */
interface EntityState {
  results: Map<string, Pick<CheckResult, 'status' | 'message'>>;
  level: string | null;
  /** Exemptions in force by check: spans may overlap. */
  exemptions: Map<string, number>;
  exemptCheckIds: Set<string>;
  status?: CampaignEntityStatus;
}

/** A change to one entity's inputs, taking effect at `at` (epoch ms). */
interface Change {
  at: number;
  entity: number;
  apply(state: EntityState): void;
}

const setResult =
  (checkId: string, result: Pick<CheckResult, 'status' | 'message'>) =>
  (state: EntityState) => {
    state.results.set(checkId, result);
  };

const setLevel = (level: string | null) => (state: EntityState) => {
  state.level = level;
};

const addExemption =
  (checkId: string, delta: 1 | -1) => (state: EntityState) => {
    const count = (state.exemptions.get(checkId) ?? 0) + delta;
    state.exemptions.set(checkId, count);
    if (count > 0) {
      state.exemptCheckIds.add(checkId);
    } else {
      state.exemptCheckIds.delete(checkId);
    }
  };

/**
 * The history's changes to these entities' goal inputs, oldest first. An
 * exemption is a change when it comes into force and another when it ends.
 */
function changesOf(
  history: CampaignHistory,
  entities: ReadonlyMap<string, number>,
  goalChecks: ReadonlySet<string>,
): Change[] {
  const changes: Change[] = [];
  for (const c of history.checkChanges) {
    const entity = entities.get(c.entityRef);
    if (entity === undefined || !goalChecks.has(c.checkId)) continue;
    const result = { status: c.status, message: c.message };
    changes.push({
      at: c.changedAt.getTime(),
      entity,
      apply: setResult(c.checkId, result),
    });
  }
  for (const c of history.levelChanges) {
    const entity = entities.get(c.entityRef);
    if (entity === undefined) continue;
    changes.push({
      at: c.changedAt.getTime(),
      entity,
      apply: setLevel(c.level),
    });
  }
  for (const e of history.exemptions) {
    const entity = entities.get(e.entityRef);
    if (entity === undefined || !goalChecks.has(e.checkId)) continue;
    changes.push(
      { at: e.from.getTime(), entity, apply: addExemption(e.checkId, 1) },
      { at: e.until.getTime(), entity, apply: addExemption(e.checkId, -1) },
    );
  }
  // Stable: changes at the same instant apply in the history's order.
  return changes.sort((a, b) => a.at - b.at);
}

/** Each UTC day from `from`'s to `to`'s, and the instant its figures are at. */
function daysBetween(from: Date, to: Date): Array<{ day: string; at: number }> {
  const days: Array<{ day: string; at: number }> = [];
  const end = to.getTime();
  let day = DateTime.fromJSDate(from, { zone: 'utc' }).startOf('day');
  while (day.toMillis() <= end) {
    const next = day.plus({ days: 1 });
    // As at the day's last millisecond, or at `to` on the last day.
    days.push({
      day: day.toISODate()!,
      at: Math.min(next.toMillis() - 1, end),
    });
    day = next;
  }
  return days;
}

/**
 * A campaign's burn-up replayed from the evaluation history: one point per
 * UTC day from `from`'s day to `to`'s, each with the figures as at the end
 * of that day (the last as at `to`). Each entity stands as `campaignStatus`
 * judges the results, level and exemptions it had then: the latest change
 * on or before that instant. A goal check with no result yet is missing,
 * so the entity is open.
 *
 * The days are swept in order, applying the changes as their time comes,
 * and only the entities whose inputs changed on a day are judged again:
 * the work grows with the changes plus the entities, not their product
 * with the days.
 */
export function replayBurnUp(input: {
  entityRefs: string[];
  context: GoalContext;
  history: CampaignHistory;
  from: Date;
  to: Date;
}): BurnUpPoint[] {
  const refs = [...new Set(input.entityRefs)];
  const index = new Map(refs.map((ref, i) => [ref, i]));
  const goalChecks = new Set(input.context.goal.checks ?? []);
  const changes = changesOf(input.history, index, goalChecks);
  const states: EntityState[] = refs.map(() => ({
    results: new Map(),
    level: null,
    exemptions: new Map(),
    exemptCheckIds: new Set(),
  }));
  const counts: Record<CampaignEntityStatus, number> = {
    done: 0,
    exempt: 0,
    open: 0,
  };
  // At first every entity is judged; after that, those that changed.
  let dirty = new Set<number>(refs.keys());
  let next = 0;
  const points: BurnUpPoint[] = [];
  for (const { day, at } of daysBetween(input.from, input.to)) {
    for (; next < changes.length && changes[next].at <= at; next++) {
      const change = changes[next];
      change.apply(states[change.entity]);
      dirty.add(change.entity);
    }
    for (const entity of dirty) {
      const state = states[entity];
      const { status } = campaignStatus(input.context, state);
      if (state.status) counts[state.status] -= 1;
      counts[status] += 1;
      state.status = status;
    }
    dirty = new Set();
    points.push({
      day,
      total: refs.length,
      done: counts.done,
      exempt: counts.exempt,
    });
  }
  return points;
}
