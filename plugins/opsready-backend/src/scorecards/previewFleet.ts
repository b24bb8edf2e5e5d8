import {
  ApiResponse,
  CheckDescription,
  CheckResult,
  LevelDefinition,
} from '@opsready/plugin-opsready-common';
import { scoreResults } from '@opsready/plugin-opsready-node';
import { ExemptionsStore } from '../database/ExemptionsStore';
import { CandidateScoring } from './candidateConfig';
import { ConfigChange, configChanges, scoredChecks } from './configChanges';
import { EvaluationPages } from './evaluationPages';

export type ScorecardPreview = ApiResponse<'/scorecards/preview', 'post'>;
type Group = ScorecardPreview['groups'][number];

export interface PreviewOptions {
  /** The stored evaluations, a page at a time (see evaluationPages.ts). */
  evaluations: EvaluationPages;
  exemptions: Pick<ExemptionsStore, 'activeExemptionsOf'>;
  /** Every registered check, disabled ones included. */
  checks: ReadonlyArray<Pick<CheckDescription, 'id' | 'weight' | 'severity'>>;
  inForce: CandidateScoring;
  candidate: CandidateScoring;
  /** Evaluations read at once: the memory the preview holds is about one page. */
  pageSize?: number;
  /** Entities listed per group; the count covers them all. */
  entitiesPerGroup?: number;
  now?: Date;
}

const NONE = 'none';

function minScoreOf(levels: ReadonlyArray<LevelDefinition>) {
  const byName = new Map(levels.map(l => [l.name, l.minScore]));
  return (level: string | null) =>
    level === null ? -Infinity : byName.get(level) ?? -Infinity;
}

function summaryOf(count: number, kind: string, group: Group): string {
  const noun = count === 1 ? kind : `${kind}s`;
  const [one, many] =
    group.direction === 'down' ? ['drops', 'drop'] : ['rises', 'rise'];
  const verb = count === 1 ? one : many;
  return `${count} ${noun} ${verb} from ${group.from ?? 'no level'} to ${
    group.to ?? 'no level'
  }`;
}

function touches(
  change: ConfigChange,
  results: ReadonlyArray<Pick<CheckResult, 'checkId' | 'status'>>,
  exempt: ReadonlySet<string>,
  levels: [string | null, string | null],
): boolean {
  if (change.level !== undefined) return levels.includes(change.level);
  const counted = results.filter(
    r =>
      r.status !== 'not-applicable' &&
      r.status !== 'pending' &&
      !exempt.has(r.checkId),
  );
  if (change.warn) return counted.some(r => r.status === 'warn');
  return counted.some(r => change.checkIds?.includes(r.checkId));
}

/**
 * Re-scores every stored evaluation with the configuration in force and with
 * the candidate, and compares the two. Both sides are computed the same way
 * (the stored results, today's exemptions, the pending rule as of the
 * evaluation), so a difference comes from the candidate alone, not from an
 * exemption granted since the last sweep. Nothing is stored.
 */
export async function previewFleet(
  options: PreviewOptions,
): Promise<ScorecardPreview> {
  const { exemptions, inForce, candidate } = options;
  const pageSize = options.pageSize ?? 500;
  const entitiesPerGroup = options.entitiesPerGroup ?? 50;
  const now = options.now ?? new Date();
  const checksBefore = scoredChecks(options.checks, inForce);
  const checksAfter = scoredChecks(options.checks, candidate);
  // Results of checks disabled in force may linger in the store; neither
  // side counts them (enabling one is reported as not previewed).
  const inForceIds = new Set(checksBefore.map(c => c.id));
  const minBefore = minScoreOf(inForce.levels);
  const minAfter = minScoreOf(candidate.levels);
  const { changes, notPreviewed } = configChanges(
    options.checks,
    inForce,
    candidate,
  );

  const levelsBefore: Record<string, number> = {};
  const levelsAfter: Record<string, number> = {};
  const groups = new Map<
    string,
    Group & { causeCounts: Map<string, number> }
  >();
  let entities = 0;
  let changed = 0;
  const delta = { min: Infinity, max: -Infinity, sum: 0, scored: 0 };

  for await (const page of options.evaluations(pageSize)) {
    const exempted = await exemptions.activeExemptionsOf(
      page.map(e => e.entityRef),
      now,
    );
    for (const evaluation of page) {
      const ref = evaluation.entityRef;
      entities += 1;
      const exempt = new Set((exempted.get(ref) ?? []).map(e => e.checkId));
      const results = evaluation.results.filter(r => inForceIds.has(r.checkId));
      const context = {
        firstSeenAt: evaluation.firstEvaluatedAt,
        now: evaluation.evaluatedAt,
        exempt,
      };
      const before = scoreResults(checksBefore, results, inForce, context);
      const after = scoreResults(checksAfter, results, candidate, context);
      levelsBefore[before.level ?? NONE] =
        (levelsBefore[before.level ?? NONE] ?? 0) + 1;
      levelsAfter[after.level ?? NONE] =
        (levelsAfter[after.level ?? NONE] ?? 0) + 1;
      if (before.score !== null && after.score !== null) {
        const d = after.score - before.score;
        delta.min = Math.min(delta.min, d);
        delta.max = Math.max(delta.max, d);
        delta.sum += d;
        delta.scored += 1;
      }
      if (before.level === after.level) continue;

      changed += 1;
      const key = JSON.stringify([evaluation.kind, before.level, after.level]);
      let group = groups.get(key);
      if (!group) {
        const lower = minAfter(after.level) < minBefore(before.level);
        group = {
          summary: '',
          kind: evaluation.kind,
          from: before.level,
          to: after.level,
          direction: lower ? 'down' : 'up',
          count: 0,
          entities: [],
          causes: [],
          causeCounts: new Map(),
        };
        groups.set(key, group);
      }
      group.count += 1;
      if (group.entities.length < entitiesPerGroup) {
        group.entities.push({
          entityRef: ref,
          scoreBefore: before.score,
          scoreAfter: after.score,
        });
      }
      for (const change of changes) {
        if (touches(change, results, exempt, [before.level, after.level])) {
          group.causeCounts.set(
            change.label,
            (group.causeCounts.get(change.label) ?? 0) + 1,
          );
        }
      }
    }
  }

  return {
    entities,
    changed,
    entitiesPerGroup,
    groups: [...groups.values()]
      .map(({ causeCounts, ...group }) => ({
        ...group,
        summary: summaryOf(group.count, group.kind, group),
        causes: [...causeCounts]
          .map(([change, count]) => ({ change, entities: count }))
          .sort((a, b) => b.entities - a.entities),
      }))
      .sort((a, b) => b.count - a.count || a.summary.localeCompare(b.summary)),
    scoreDelta: delta.scored
      ? {
          min: delta.min,
          avg: Math.round((delta.sum / delta.scored) * 100) / 100,
          max: delta.max,
          scored: delta.scored,
        }
      : { min: null, avg: null, max: null, scored: 0 },
    levelsBefore,
    levelsAfter,
    changes: changes.map(c => c.label),
    notPreviewed,
  };
}
