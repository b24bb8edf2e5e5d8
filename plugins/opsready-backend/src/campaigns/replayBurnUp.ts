import { BurnUpPoint, CheckResult } from '@opsready/plugin-opsready-common';
import { DateTime } from 'luxon';
import { campaignStatus, GoalContext } from './campaignStatus';
import { CampaignHistory } from './types';

type Result = Pick<CheckResult, 'status' | 'message'>;

/**
 * The burn-up a campaign would have had over these entities: one point per
 * UTC day from `from` to `to`, each with the figures at the day's end, from
 * the changes of results, levels and exemptions the history holds.
 */
export function replayBurnUp(input: {
  entityRefs: string[];
  context: GoalContext;
  history: CampaignHistory;
  from: Date;
  to: Date;
}): BurnUpPoint[] {
  const { entityRefs, context, history } = input;
  const checkChanges = [...history.checkChanges].sort(
    (a, b) => a.changedAt.getTime() - b.changedAt.getTime(),
  );
  const levelChanges = [...history.levelChanges].sort(
    (a, b) => a.changedAt.getTime() - b.changedAt.getTime(),
  );
  const results = new Map(
    entityRefs.map(ref => [ref, new Map<string, Result>()]),
  );
  const levels = new Map<string, string | null>(
    entityRefs.map(ref => [ref, null]),
  );
  const points: BurnUpPoint[] = [];
  let nextCheck = 0;
  let nextLevel = 0;
  const last = DateTime.fromJSDate(input.to, { zone: 'utc' }).startOf('day');
  for (
    let day = DateTime.fromJSDate(input.from, { zone: 'utc' }).startOf('day');
    day <= last;
    day = day.plus({ days: 1 })
  ) {
    const end = day.plus({ days: 1 }).toJSDate();
    for (; nextCheck < checkChanges.length; nextCheck++) {
      const change = checkChanges[nextCheck];
      if (change.changedAt >= end) break;
      results.get(change.entityRef)?.set(change.checkId, change);
    }
    for (; nextLevel < levelChanges.length; nextLevel++) {
      const change = levelChanges[nextLevel];
      if (change.changedAt >= end) break;
      if (levels.has(change.entityRef)) {
        levels.set(change.entityRef, change.level);
      }
    }
    const point: BurnUpPoint = {
      day: day.toISODate()!,
      total: entityRefs.length,
      done: 0,
      exempt: 0,
    };
    for (const entityRef of entityRefs) {
      const exemptCheckIds = new Set(
        history.exemptions
          .filter(
            e => e.entityRef === entityRef && e.from < end && e.until >= end,
          )
          .map(e => e.checkId),
      );
      const { status } = campaignStatus(context, {
        results: results.get(entityRef)!,
        level: levels.get(entityRef) ?? null,
        exemptCheckIds,
      });
      if (status === 'done') point.done++;
      if (status === 'exempt') point.exempt++;
    }
    points.push(point);
  }
  return points;
}
