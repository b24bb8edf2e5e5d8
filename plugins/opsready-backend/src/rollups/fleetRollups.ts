import { RollupReads } from '../database/DatabaseRollupReads';
import {
  countFailing,
  figuresOf,
  worstAverageFirst,
  worstChecks,
} from './figures';
import { childGroupsOf, groupsBelow, membersBy, unionOf } from './membership';
import { MEMBER_KINDS, OrgEntities, OrgEntity } from './orgEntities';
import { RollupScorecard, RollupScoring } from './rollupScorecards';
import { RollupKind, RollupsPage, RollupSummary } from './types';

/** Each group, system or domain of the kind, with the entities it covers. */
async function coverageOfAll(
  kind: RollupKind,
  org: OrgEntities,
): Promise<Array<{ entity: OrgEntity; refs: string[] }>> {
  // One pass over the scored kinds, whichever the roll-up.
  const members = await org.ofKinds(MEMBER_KINDS);
  if (kind === 'group') {
    const groups = await org.ofKinds(['Group']);
    const children = childGroupsOf(groups);
    const byOwner = membersBy(members, 'ownedby', 'group');
    return groups.map(group => ({
      entity: group,
      refs: unionOf(groupsBelow(group.ref, children), byOwner),
    }));
  }
  const bySystem = membersBy(members, 'partof', 'system');
  const systems = await org.ofKinds(['System']);
  if (kind === 'system') {
    return systems.map(system => ({
      entity: system,
      refs: bySystem.get(system.ref) ?? [],
    }));
  }
  const systemsByDomain = membersBy(systems, 'partof', 'domain');
  const domains = await org.ofKinds(['Domain']);
  return domains.map(domain => ({
    entity: domain,
    refs: unionOf(systemsByDomain.get(domain.ref) ?? [], bySystem),
  }));
}

/**
 * A page of the roll-ups of every group, system or domain the caller may
 * see, worst average first. Each call reads the catalog once per kind it
 * needs and the stored figures of the entities covered once; the page is
 * cut from the sorted whole, so the cursor is the offset of the next one.
 */
export async function fleetRollups(options: {
  kind: RollupKind;
  scorecard: RollupScorecard;
  scoring: RollupScoring;
  org: OrgEntities;
  reads: RollupReads;
  page: { offset: number; limit: number };
}): Promise<RollupsPage> {
  const { kind, scorecard, scoring, reads, page } = options;
  const coverage = await coverageOfAll(kind, options.org);
  const covered = [...new Set(coverage.flatMap(c => c.refs))];
  const scores = await reads.scores(covered, scorecard.id);
  const failing = await reads.failingChecks(
    covered.filter(ref => scores.has(ref)),
    scorecard.checkIds,
  );
  const summaries: RollupSummary[] = coverage
    .map(({ entity, refs }) => {
      const scored = refs.filter(ref => scores.has(ref));
      return {
        entityRef: entity.ref,
        title: entity.title,
        ...figuresOf(scored, scores),
        worstChecks: worstChecks(
          countFailing(scored, failing),
          scoring.checkTitles,
        ),
      };
    })
    .sort(worstAverageFirst(summary => summary.entityRef));
  const end = page.offset + page.limit;
  return {
    kind,
    scorecardId: scorecard.id,
    scorecards: scoring.scorecards.map(({ id, title }) => ({ id, title })),
    total: summaries.length,
    items: summaries.slice(page.offset, end),
    ...(end < summaries.length ? { nextCursor: String(end) } : {}),
  };
}
