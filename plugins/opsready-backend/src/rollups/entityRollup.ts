import { RollupReads } from '../database/DatabaseRollupReads';
import { figuresOf, worstAverageFirst, worstChecks } from './figures';
import { childGroupsOf, groupsBelow, membersBy, unionOf } from './membership';
import { MEMBER_KINDS, OrgEntities, OrgEntity } from './orgEntities';
import { RollupScorecard, RollupScoring } from './rollupScorecards';
import { Rollup, RollupKind, RollupPart } from './types';

/**
 * Parts one step down an answer lists: a group that owns thousands of
 * components itself would otherwise answer with all of them.
 */
const PARTS_LISTED = 100;

/** A part of the breakdown before it is scored: who it is, what it covers. */
interface PartMembers {
  entity: Pick<OrgEntity, 'ref' | 'title' | 'kind'>;
  refs: string[];
  /** Kept even when nothing of it is scored (a child group, a system). */
  keepEmpty: boolean;
}

/** Who a roll-up covers, and one step down. */
interface Coverage {
  refs: string[];
  parts: PartMembers[];
}

/**
 * What one group, system or domain covers, read from the catalog with the
 * caller's credentials: only what it needs (all groups, for the tree, and
 * then only the entities owned within the subtree; a system's or domain's
 * own entities).
 */
async function coverageOf(
  kind: RollupKind,
  ref: string,
  org: OrgEntities,
): Promise<Coverage> {
  if (kind === 'group') {
    const groups = await org.ofKinds(['Group']);
    const children = childGroupsOf(groups);
    const below = groupsBelow(ref, children);
    const members = await org.related(MEMBER_KINDS, 'ownedBy', [...below]);
    const byOwner = membersBy(members, 'ownedby', 'group');
    const byRef = new Map([...groups, ...members].map(e => [e.ref, e]));
    return {
      refs: unionOf(below, byOwner),
      parts: [
        ...(children.get(ref) ?? []).map(child => ({
          entity: byRef.get(child)!,
          refs: unionOf(groupsBelow(child, children), byOwner),
          keepEmpty: true,
        })),
        ...(byOwner.get(ref) ?? []).map(own => ({
          entity: byRef.get(own)!,
          refs: [own],
          keepEmpty: false,
        })),
      ],
    };
  }
  if (kind === 'system') {
    const members = await org.related(MEMBER_KINDS, 'partOf', [ref]);
    return {
      refs: members.map(m => m.ref),
      parts: members.map(m => ({ entity: m, refs: [m.ref], keepEmpty: false })),
    };
  }
  const systems = await org.related(['System'], 'partOf', [ref]);
  const members = await org.related(
    MEMBER_KINDS,
    'partOf',
    systems.map(s => s.ref),
  );
  const bySystem = membersBy(members, 'partof', 'system');
  return {
    refs: unionOf(
      systems.map(s => s.ref),
      bySystem,
    ),
    parts: systems.map(system => ({
      entity: system,
      refs: bySystem.get(system.ref) ?? [],
      keepEmpty: true,
    })),
  };
}

/** The roll-up of one group, system or domain on one scorecard. */
export async function entityRollup(options: {
  target: Pick<OrgEntity, 'ref' | 'title'>;
  kind: RollupKind;
  scorecard: RollupScorecard;
  scoring: RollupScoring;
  org: OrgEntities;
  reads: RollupReads;
}): Promise<Rollup> {
  const { target, scorecard, scoring, reads } = options;
  const coverage = await coverageOf(options.kind, target.ref, options.org);
  const scores = await reads.scores(coverage.refs, scorecard.id);
  const scored = coverage.refs.filter(ref => scores.has(ref));
  const failing = await reads.failingCounts(scored, scorecard.checkIds);
  const breakdown: RollupPart[] = coverage.parts
    .map(part => {
      const { entities, averageScore } = figuresOf(part.refs, scores);
      return {
        entityRef: part.entity.ref,
        title: part.entity.title,
        kind: part.entity.kind,
        entities,
        averageScore,
        keepEmpty: part.keepEmpty,
      };
    })
    .filter(part => part.entities > 0 || part.keepEmpty)
    .map(({ keepEmpty: _keepEmpty, ...part }) => part)
    .sort(worstAverageFirst(part => part.title));
  return {
    entityRef: target.ref,
    title: target.title,
    scorecardId: scorecard.id,
    scorecards: scoring.scorecards.map(({ id, title }) => ({ id, title })),
    levels: scorecard.levels,
    ...figuresOf(scored, scores),
    worstChecks: worstChecks(failing, scoring.checkTitles),
    breakdown: breakdown.slice(0, PARTS_LISTED),
    moreParts: Math.max(0, breakdown.length - PARTS_LISTED),
  };
}
