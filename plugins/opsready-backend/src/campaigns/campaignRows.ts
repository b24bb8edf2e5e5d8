/*
 * The pure steps of keeping a campaign's progress: an entity judged against
 * the goal as a row, figures counted from rows, and the day's burn-up point.
 */
import { Entity } from '@backstage/catalog-model';
import {
  BurnUpPoint,
  CampaignFigures,
  CheckDescription,
  LevelDefinition,
  normalizeEntityRef,
} from '@opsready/plugin-opsready-common';
import { DateTime } from 'luxon';
import { StoredEvaluation } from '../database/EvaluationsStore';
import { ownerRefOf } from '../lib/entityRefs';
import { campaignStatus, GoalContext } from './campaignStatus';
import { CampaignEntityRow, StoredCampaign } from './types';

/** The UTC day of a time, e.g. 2026-12-01: the burn-up's unit. */
export function utcDay(date: Date): string {
  return DateTime.fromJSDate(date, { zone: 'utc' }).toISODate()!;
}

/** What the goal of a campaign is judged with: its goal, levels and check descriptions. */
export function goalContext(
  campaign: Pick<StoredCampaign, 'goal'>,
  checks: ReadonlyArray<CheckDescription>,
  levels: ReadonlyArray<LevelDefinition>,
): GoalContext {
  return {
    goal: campaign.goal,
    levels,
    checks: new Map(checks.map(check => [check.id, check])),
  };
}

/**
 * The entity's row in a campaign: where it stands against the goal with
 * its latest evaluation (none yet: every goal check is left) and the checks
 * it is exempt from now. `since` is now; the store keeps an older one when
 * the status did not change.
 */
export function judgeEntity(
  context: GoalContext,
  entity: Entity,
  evaluation: Pick<StoredEvaluation, 'results' | 'level'> | undefined,
  exemptCheckIds: ReadonlySet<string>,
  now: Date,
): CampaignEntityRow {
  const standing = campaignStatus(context, {
    results: new Map(
      (evaluation?.results ?? []).map(result => [result.checkId, result]),
    ),
    level: evaluation?.level ?? null,
    exemptCheckIds,
  });
  return {
    entityRef: normalizeEntityRef(entity),
    owner: ownerRefOf(entity),
    ...standing,
    since: now.toISOString(),
  };
}

export function figuresOf(
  rows: ReadonlyArray<Pick<CampaignEntityRow, 'status'>>,
): CampaignFigures {
  const figures = { total: rows.length, done: 0, exempt: 0, open: 0 };
  for (const row of rows) figures[row.status]++;
  return figures;
}

export function dayPoint(day: string, figures: CampaignFigures): BurnUpPoint {
  return {
    day,
    total: figures.total,
    done: figures.done,
    exempt: figures.exempt,
  };
}

/** Whether the campaign's start has come. */
export function hasStarted(
  campaign: Pick<StoredCampaign, 'startsAt'>,
  now: Date,
): boolean {
  return Date.parse(campaign.startsAt) <= now.getTime();
}

/**
 * Whether these figures complete the campaign now: it has started, has at
 * least one entity, none is open, and it was not completed before.
 */
export function completesNow(
  campaign: Pick<StoredCampaign, 'startsAt' | 'completedAt'>,
  figures: CampaignFigures,
  now: Date,
): boolean {
  return (
    !campaign.completedAt &&
    hasStarted(campaign, now) &&
    figures.total > 0 &&
    figures.open === 0
  );
}
