import {
  CampaignEntityStatus,
  CampaignGoal,
  CampaignItem,
  CheckDescription,
  CheckResult,
  isAtLeastLevel,
  LevelDefinition,
} from '@opsready/plugin-opsready-common';

/** What an entity has, as far as a campaign's goal is concerned. */
export interface GoalInputs {
  /** Its results by check id; a check missing here was never evaluated. */
  results: ReadonlyMap<string, Pick<CheckResult, 'status' | 'message'>>;
  level: string | null;
  /** Checks it is exempt from now. */
  exemptCheckIds: ReadonlySet<string>;
}

export interface GoalContext {
  goal: CampaignGoal;
  levels: ReadonlyArray<LevelDefinition>;
  /** Descriptions of the checks in force, by id, for titles and fixes. */
  checks: ReadonlyMap<string, CheckDescription>;
}

/** Where an entity stands in a campaign, and the items behind it. */
export interface GoalStanding {
  status: CampaignEntityStatus;
  /** What is left (open), or what is exempted (exempt); empty when done. */
  items: CampaignItem[];
}

/** A goal check is met when it passes, or does not apply to the entity. */
const MEETS_GOAL = new Set(['pass', 'not-applicable']);

/**
 * Where an entity stands against a campaign's goal: `done` when every goal
 * check passes (or does not apply) and the level is reached; `exempt` when
 * the only checks left are ones it is exempt from; otherwise `open`, with
 * each check left and the level gap as items. A level gap cannot be
 * exempted: the exemptions already count in the level.
 */
export function campaignStatus(
  context: GoalContext,
  inputs: GoalInputs,
): GoalStanding {
  const left: CampaignItem[] = [];
  const exempted: CampaignItem[] = [];
  for (const checkId of context.goal.checks ?? []) {
    const result = inputs.results.get(checkId);
    if (result && MEETS_GOAL.has(result.status)) {
      continue;
    }
    const item = checkItem(checkId, result, context.checks.get(checkId));
    (inputs.exemptCheckIds.has(checkId) ? exempted : left).push(item);
  }
  const minLevel = context.goal.minLevel;
  if (minLevel && !isAtLeastLevel(inputs.level, minLevel, context.levels)) {
    left.push({
      type: 'level',
      title: `Reach level ${minLevel}`,
      currentLevel: inputs.level,
      requiredLevel: minLevel,
    });
  }
  if (left.length > 0) {
    return { status: 'open', items: left };
  }
  if (exempted.length > 0) {
    return { status: 'exempt', items: exempted };
  }
  return { status: 'done', items: [] };
}

function checkItem(
  checkId: string,
  result: Pick<CheckResult, 'status' | 'message'> | undefined,
  description: CheckDescription | undefined,
): CampaignItem {
  return {
    type: 'check',
    checkId,
    title: description?.title ?? checkId,
    status: result?.status ?? 'unknown',
    message: result?.message ?? 'Not evaluated yet',
    ...(description ? { remediation: description.remediation } : {}),
  };
}
