import {
  CheckDescription,
  CheckResult,
  pendingUntil,
} from '@opsready/plugin-opsready-common';
import {
  ScorecardInForce,
  scorecardsInForce,
} from '@opsready/plugin-opsready-node';
import { ExemptionsStore } from '../database/ExemptionsStore';
import { CandidateScoring } from './candidateConfig';
import {
  checkScopeChanges,
  ConfigChange,
  enabledChecks,
  NotPreviewed,
  scorecardChanges,
  scoredChecks,
} from './configChanges';
import {
  CheckScopeChange,
  covers,
  Outcome,
  rescoped,
  scopedEntity,
  ScorecardScorer,
  scorerOf,
  scoreOn,
} from './entityScoring';
import { EvaluationPages } from './evaluationPages';
import { PreviewTally, ScorecardPreview } from './previewTally';

export type { ScorecardPreview } from './previewTally';
type ScorecardFigures = ScorecardPreview['scorecards'][number];
type Result = Pick<CheckResult, 'checkId' | 'status'>;

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

/** One scorecard compared: in force, in the candidate, or both. */
interface Comparison {
  id: string;
  title: string;
  status: ScorecardFigures['status'];
  before?: ScorecardScorer;
  after?: ScorecardScorer;
  changes: ConfigChange[];
  tally: PreviewTally;
  /** Entities whose membership the stored facts cannot decide. */
  undecided: number;
}

function compare(
  id: string,
  before: ScorecardInForce | undefined,
  after: ScorecardInForce | undefined,
  context: {
    inForce: CandidateScoring;
    candidate: CandidateScoring;
    checkScopes: Array<{ id: string; label: string }>;
    prefix: string;
    entitiesPerGroup: number;
  },
): Comparison {
  const changes =
    before && after
      ? scorecardChanges({ before, after, ...context })
      : [
          {
            label: `${id}: scorecard ${before ? 'removed' : 'added'}`,
            scorecardScope: true,
          },
        ];
  let status: ScorecardFigures['status'] = 'unchanged';
  if (!before) status = 'added';
  else if (!after) status = 'removed';
  else if (changes.length) status = 'changed';
  return {
    id,
    title: (after ?? before)!.definition.title,
    status,
    before: before && scorerOf(before),
    after: after && scorerOf(after),
    changes,
    tally: new PreviewTally({
      levelsBefore: before?.definition.levels ?? [],
      levelsAfter: after?.definition.levels ?? [],
      changes,
      entitiesPerGroup: context.entitiesPerGroup,
    }),
    undecided: 0,
  };
}

const counted = (r: Result, exempt: ReadonlySet<string>) =>
  r.status !== 'not-applicable' &&
  r.status !== 'pending' &&
  !exempt.has(r.checkId);

function touches(
  change: ConfigChange,
  entity: {
    results: ReadonlyArray<Result>;
    exempt: ReadonlySet<string>;
    levels: Array<string | null | undefined>;
    scopeChanged: boolean;
    narrowed: ReadonlySet<string>;
  },
): boolean {
  // An entity entering or leaving the scorecard does so for its scope,
  // whatever else changes in how the scorecard scores.
  if (entity.scopeChanged) return !!change.scorecardScope;
  if (change.scorecardScope) return false;
  if (change.level !== undefined) return entity.levels.includes(change.level);
  if (change.checkScope) return entity.narrowed.has(change.checkScope);
  const results = entity.results.filter(r => counted(r, entity.exempt));
  if (change.warn) return results.some(r => r.status === 'warn');
  return results.some(r => change.checkIds?.includes(r.checkId));
}

const notPreviewedBecauseScopeUnknown = (n: number) =>
  `${n} ${
    n === 1 ? 'entity was' : 'entities were'
  } last evaluated before type, lifecycle and tags were kept: scope unknown until next evaluation`;

/**
 * Re-scores every stored evaluation with the configuration in force and with
 * the candidate, on every scorecard of either, and compares the two. Both
 * sides are computed the same way (the stored results, today's exemptions,
 * the pending rule as of the evaluation), so a difference comes from the
 * candidate alone, not from an exemption granted since the last sweep.
 * Scopes are decided on the type, lifecycle and tags stored with each
 * evaluation; where they were not stored yet, the entity is counted apart
 * rather than guessed. Nothing is stored.
 */
export async function previewFleet(
  options: PreviewOptions,
): Promise<ScorecardPreview> {
  const { exemptions, inForce, candidate } = options;
  const pageSize = options.pageSize ?? 500;
  const entitiesPerGroup = options.entitiesPerGroup ?? 50;
  const now = options.now ?? new Date();
  const checksBefore = scoredChecks(options.checks, inForce);
  // Results of checks disabled in force may linger in the store; neither
  // side counts them (enabling one is reported as not previewed).
  const inForceIds = new Set(checksBefore.map(c => c.id));
  const before = scorecardsInForce(inForce.scorecards, checksBefore);
  const after = scorecardsInForce(
    candidate.scorecards,
    scoredChecks(options.checks, candidate),
  );
  const checkScopes = checkScopeChanges(options.checks, inForce, candidate);
  const scopeChanges: CheckScopeChange[] = checkScopes.map(({ id }) => ({
    id,
    before: inForce.overrides.get(id)?.appliesTo,
    after: candidate.overrides.get(id)?.appliesTo,
  }));
  const ids = [...new Set([...after, ...before].map(s => s.definition.id))];
  const context = {
    inForce,
    candidate,
    checkScopes,
    prefix: '',
    entitiesPerGroup,
  };
  const comparisons = ids.map(id =>
    compare(
      id,
      before.find(s => s.definition.id === id),
      after.find(s => s.definition.id === id),
      { ...context, prefix: ids.length > 1 ? `${id}: ` : '' },
    ),
  );
  // The entity's score: the first scorecard in force against the
  // candidate's first, usually one of the comparisons above.
  const first =
    comparisons.find(
      c =>
        c.before?.id === before[0].definition.id &&
        c.after?.id === after[0].definition.id,
    ) ??
    compare(after[0].definition.id, before[0], after[0], {
      ...context,
      prefix: ids.length > 1 ? `${after[0].definition.id}: ` : '',
    });
  const entityScore = new PreviewTally({
    levelsBefore: before[0].definition.levels,
    levelsAfter: after[0].definition.levels,
    changes: first.changes,
    entitiesPerGroup,
  });
  const widened = new Map<string, number>();
  const undecidedChecks = new Map<string, number>();
  const bump = (counts: Map<string, number>, keys: Iterable<string>) => {
    for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  };
  const outOfScope: Outcome = { score: null, level: null };

  for await (const page of options.evaluations(pageSize)) {
    const exempted = await exemptions.activeExemptionsOf(
      page.map(e => e.entityRef),
      now,
    );
    for (const evaluation of page) {
      const exempt = new Set(
        (exempted.get(evaluation.entityRef) ?? []).map(e => e.checkId),
      );
      const expired =
        evaluation.evaluatedAt.getTime() >=
        pendingUntil({
          firstSeenAt: evaluation.firstEvaluatedAt,
          pendingForMs: inForce.pendingForMs,
        }).getTime();
      const results: Result[] = [];
      for (const r of evaluation.results) {
        if (!inForceIds.has(r.checkId) || exempt.has(r.checkId)) continue;
        // The pending rule, as of the evaluation: a check pending past its
        // time counts as unknown.
        results.push(
          expired && r.status === 'pending'
            ? { checkId: r.checkId, status: 'unknown' }
            : r,
        );
      }
      const seen = scopedEntity(evaluation);
      const candidateResults = rescoped(results, scopeChanges, seen);
      bump(widened, candidateResults.widened);
      bump(undecidedChecks, candidateResults.undecided);

      // Which changes touch this entity, between what it was and will be.
      const touchedBetween =
        (was: Outcome | undefined, will: Outcome | undefined) =>
        (change: ConfigChange) =>
          touches(change, {
            results,
            exempt,
            levels: [was?.level, will?.level],
            scopeChanged: !was !== !will,
            narrowed: candidateResults.narrowed,
          });
      let firstOutcomes: [Outcome | undefined, Outcome | undefined] | null =
        null;
      const outcomesOf = (c: Comparison) => {
        const isBefore = c.before ? covers(c.before.appliesTo, seen) : false;
        const isAfter = c.after ? covers(c.after.appliesTo, seen) : false;
        if (isBefore === undefined || isAfter === undefined) {
          c.undecided += 1;
          return null;
        }
        const outcomes: [Outcome | undefined, Outcome | undefined] = [
          isBefore
            ? scoreOn(c.before!, results, inForce.warnCredit)
            : undefined,
          isAfter
            ? scoreOn(c.after!, candidateResults.results, candidate.warnCredit)
            : undefined,
        ];
        const [was, will] = outcomes;
        c.tally.add(evaluation, was, will, touchedBetween(was, will));
        return outcomes;
      };
      for (const comparison of comparisons) {
        const outcomes = outcomesOf(comparison);
        if (comparison === first) firstOutcomes = outcomes;
      }
      if (!comparisons.includes(first)) firstOutcomes = outcomesOf(first);
      if (!firstOutcomes) continue;
      const [was, will] = firstOutcomes;
      entityScore.add(
        evaluation,
        was ?? outOfScope,
        will ?? outOfScope,
        touchedBetween(was, will),
      );
    }
  }

  const notPreviewed: NotPreviewed[] = [
    ...enabledChecks(options.checks, inForce, candidate),
    ...[...widened].map(([id, n]) => ({
      change: `${id} appliesTo`,
      reason: `${n} ${
        n === 1 ? 'entity comes' : 'entities come'
      } into the check's scope: it was not run on them, so their stored result (not applicable) is scored as it is until their next evaluation.`,
    })),
    ...[...undecidedChecks].map(([id, n]) => ({
      change: `${id} appliesTo`,
      reason: `${notPreviewedBecauseScopeUnknown(
        n,
      )}; their results of the check are scored as stored.`,
    })),
    ...comparisons
      .filter(c => c.undecided > 0)
      .map(c => ({
        change: `${c.id} scope`,
        reason: `${notPreviewedBecauseScopeUnknown(
          c.undecided,
        )}; they are left out of the scorecard's figures.`,
      })),
  ];

  return {
    ...entityScore.figures(),
    entitiesPerGroup,
    changes: [
      ...new Set(comparisons.flatMap(c => c.changes.map(ch => ch.label))),
    ],
    notPreviewed,
    scorecards: comparisons.map(c => ({
      id: c.id,
      title: c.title,
      status: c.status,
      ...c.tally.figures(),
      changes: c.changes.map(ch => ch.label),
    })),
  };
}
