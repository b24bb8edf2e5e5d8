import type {
  BurnUpPoint,
  CampaignEntityStatus,
} from '@opsready/plugin-opsready-common';
import { DateTime } from 'luxon';
import { campaignStatus, GoalContext } from './campaignStatus';
import type { CampaignHistory, CheckStatusChange, LevelChange } from './types';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What one entity had at the instant the sweep has reached. */
interface EntityState {
  /** The latest change of each goal check so far: its result. */
  results: Map<string, CheckStatusChange>;
  level: string | null;
  levelAt: number;
  /** Exemptions in force by check: spans may overlap. */
  exemptions: Map<string, number>;
  exemptCheckIds: Set<string>;
  status?: CampaignEntityStatus;
}

/** The changes that take effect on one day, with their entities' indexes. */
interface Bucket {
  checks: CheckStatusChange[];
  checkEntities: number[];
  levels: LevelChange[];
  levelEntities: number[];
  exemptions: Array<{ entity: number; checkId: string; delta: 1 | -1 }>;
}

/** A UTC day: when it starts, and the instant its figures are at. */
interface Day {
  day: string;
  start: number;
  at: number;
}

/** Each UTC day from `from`'s to `to`'s. */
function daysBetween(from: Date, to: Date): Day[] {
  const days: Day[] = [];
  const end = to.getTime();
  let day = DateTime.fromJSDate(from, { zone: 'utc' }).startOf('day');
  while (day.toMillis() <= end) {
    const next = day.plus({ days: 1 });
    // As at the day's last millisecond, or at `to` on the last day.
    days.push({
      day: day.toISODate()!,
      start: day.toMillis(),
      at: Math.min(next.toMillis() - 1, end),
    });
    day = next;
  }
  return days;
}

/**
 * The history's changes sorted into the days they take effect on: a change
 * before the first day takes effect on it (it is the state the replay
 * starts from); one after `to` never does. Bucketing instead of sorting
 * keeps the work linear; within a day, the latest change of a check (or of
 * the level) wins when it is applied, whatever the order.
 */
function bucketChanges(
  history: CampaignHistory,
  entities: ReadonlyMap<string, number>,
  context: GoalContext,
  days: Day[],
): Bucket[] {
  const buckets: Bucket[] = days.map(() => ({
    checks: [],
    checkEntities: [],
    levels: [],
    levelEntities: [],
    exemptions: [],
  }));
  const first = days.length ? days[0].start : 0;
  const bucketOf = (at: number): Bucket | undefined => {
    // UTC days are all DAY_MS long.
    const i = Math.max(0, Math.floor((at - first) / DAY_MS));
    return i < days.length && at <= days[i].at ? buckets[i] : undefined;
  };
  const goalChecks = new Set(context.goal.checks ?? []);
  for (const change of history.checkChanges) {
    const entity = entities.get(change.entityRef);
    const bucket = bucketOf(change.changedAt.getTime());
    if (entity === undefined || !bucket || !goalChecks.has(change.checkId)) {
      continue;
    }
    bucket.checks.push(change);
    bucket.checkEntities.push(entity);
  }
  // Without a level to reach, levels change nothing.
  const levelChanges = context.goal.minLevel ? history.levelChanges : [];
  for (const change of levelChanges) {
    const entity = entities.get(change.entityRef);
    const bucket = bucketOf(change.changedAt.getTime());
    if (entity === undefined || !bucket) continue;
    bucket.levels.push(change);
    bucket.levelEntities.push(entity);
  }
  for (const span of history.exemptions) {
    const entity = entities.get(span.entityRef);
    if (entity === undefined || !goalChecks.has(span.checkId)) continue;
    const { checkId } = span;
    bucketOf(span.from.getTime())?.exemptions.push({
      entity,
      checkId,
      delta: 1,
    });
    bucketOf(span.until.getTime())?.exemptions.push({
      entity,
      checkId,
      delta: -1,
    });
  }
  return buckets;
}

/** Applies a day's changes; returns the entities whose inputs changed. */
function applyDay(bucket: Bucket, states: EntityState[]): Set<number> {
  const changed = new Set<number>();
  bucket.checks.forEach((change, i) => {
    const state = states[bucket.checkEntities[i]];
    const previous = state.results.get(change.checkId);
    if (
      !previous ||
      change.changedAt.getTime() >= previous.changedAt.getTime()
    ) {
      state.results.set(change.checkId, change);
      changed.add(bucket.checkEntities[i]);
    }
  });
  bucket.levels.forEach((change, i) => {
    const state = states[bucket.levelEntities[i]];
    const at = change.changedAt.getTime();
    if (at >= state.levelAt) {
      state.level = change.level;
      state.levelAt = at;
      changed.add(bucket.levelEntities[i]);
    }
  });
  for (const { entity, checkId, delta } of bucket.exemptions) {
    const state = states[entity];
    const count = (state.exemptions.get(checkId) ?? 0) + delta;
    state.exemptions.set(checkId, count);
    if (count > 0) {
      state.exemptCheckIds.add(checkId);
    } else {
      state.exemptCheckIds.delete(checkId);
    }
    changed.add(entity);
  }
  return changed;
}

/**
 * A campaign's burn-up replayed from the evaluation history: one point per
 * UTC day from `from`'s day to `to`'s, each with the figures as at the end
 * of that day (the last as at `to`). Each entity stands as `campaignStatus`
 * judges the results, level and exemptions it had then: the latest change
 * on or before that instant. A goal check with no result yet is missing,
 * so the entity is open.
 *
 * The days are swept in order, applying each day's changes, and only the
 * entities whose inputs changed that day are judged again, with running
 * counts: the work grows with the changes plus the entities, not their
 * product with the days.
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
  const days = daysBetween(input.from, input.to);
  const buckets = bucketChanges(input.history, index, input.context, days);
  const states: EntityState[] = refs.map(() => ({
    results: new Map(),
    level: null,
    levelAt: -Infinity,
    exemptions: new Map(),
    exemptCheckIds: new Set(),
  }));
  const counts: Record<CampaignEntityStatus, number> = {
    done: 0,
    exempt: 0,
    open: 0,
  };
  const judge = (entity: number) => {
    const state = states[entity];
    const { status } = campaignStatus(input.context, state);
    if (state.status) counts[state.status] -= 1;
    counts[status] += 1;
    state.status = status;
  };
  return days.map(({ day }, i) => {
    const changed = applyDay(buckets[i], states);
    // On the first day every entity is judged; after that, those changed.
    if (i === 0) {
      refs.forEach((_, entity) => judge(entity));
    } else {
      changed.forEach(judge);
    }
    return {
      day,
      total: refs.length,
      done: counts.done,
      exempt: counts.exempt,
    };
  });
}
