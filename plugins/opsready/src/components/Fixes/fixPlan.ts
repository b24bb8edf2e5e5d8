import { isFixableCheck } from '@opsready/plugin-opsready-common';
import { CampaignEntity } from '../../api/OpsReadyApi';

/** One entity's fix: the checks it gets, and what stays for a person. */
export interface PlannedFix {
  entityRef: string;
  /** The fixable checks it still fails, by id. */
  checkIds: string[];
  /** The titles of those checks, as the campaign names them. */
  checkTitles: string[];
  /** What it also needs that no generated fix covers. */
  manualTitles: string[];
}

/** What "fix all" does for a set of entities. */
export interface FixPlan {
  /** One change per entity (per repository). */
  fixes: PlannedFix[];
  /** Entities whose items left are all to be fixed by hand. */
  manual: string[];
}

/**
 * Splits the open entities of a campaign into those a generated change
 * can help, with their fixable checks, and those that need a person.
 * An entity listed twice (the user is in two of its teams' lists) counts
 * once.
 */
export function planFixes(entities: CampaignEntity[]): FixPlan {
  const fixes: PlannedFix[] = [];
  const manual: string[] = [];
  const seen = new Set<string>();
  for (const entity of entities) {
    if (entity.status !== 'open' || seen.has(entity.entityRef)) continue;
    seen.add(entity.entityRef);
    const fixable = entity.items.filter(
      item =>
        item.type === 'check' && item.checkId && isFixableCheck(item.checkId),
    );
    if (fixable.length === 0) {
      manual.push(entity.entityRef);
      continue;
    }
    fixes.push({
      entityRef: entity.entityRef,
      checkIds: [...new Set(fixable.map(item => item.checkId!))],
      checkTitles: fixable.map(item => item.title),
      manualTitles: entity.items
        .filter(item => !fixable.includes(item))
        .map(item => item.title),
    });
  }
  return { fixes, manual };
}
