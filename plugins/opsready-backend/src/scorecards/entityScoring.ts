import { Entity } from '@backstage/catalog-model';
import {
  CheckResult,
  CheckSeverity,
  computeLevel,
  computeScore,
  LevelDefinition,
} from '@opsready/plugin-opsready-common';
import {
  appliesToEntity,
  CheckApplicability,
  ScorecardInForce,
} from '@opsready/plugin-opsready-node';
import { ScoredEvaluation } from '../database/EvaluationsStore';
import { entityOfScope } from '../lib/entityScope';

type Result = Pick<CheckResult, 'checkId' | 'status'>;

/** A score and level on one scorecard. */
export interface Outcome {
  score: number | null;
  level: string | null;
}

/**
 * A scorecard ready to score many entities: its maps built once, not per
 * entity as `scoreScorecards` builds them.
 */
export interface ScorecardScorer {
  id: string;
  title: string;
  levels: LevelDefinition[];
  appliesTo?: CheckApplicability;
  weights: ReadonlyMap<string, number>;
  severities: ReadonlyMap<string, CheckSeverity>;
}

export function scorerOf({ definition, checks }: ScorecardInForce) {
  return {
    id: definition.id,
    title: definition.title,
    levels: definition.levels,
    appliesTo: definition.appliesTo,
    weights: new Map(checks.map(c => [c.id, c.weight])),
    severities: new Map(checks.map(c => [c.id, c.severity])),
  };
}

/** Scores results (exempted ones already out) as `scoreScorecards` does. */
export function scoreOn(
  scorer: ScorecardScorer,
  counted: ReadonlyArray<Result>,
  warnCredit: number,
): Outcome {
  const score = computeScore(counted, scorer.weights, { warnCredit });
  const { level } = computeLevel(
    score,
    counted,
    scorer.severities,
    scorer.levels,
  );
  return { score, level };
}

const named = (values: string[] | undefined) => !!values && values.length > 0;

/** Whether a scope looks at more than the kind, which is always stored. */
export function needsScopeFacts(scope: CheckApplicability | undefined) {
  return (
    !!scope &&
    (named(scope.types) || named(scope.lifecycles) || named(scope.tags))
  );
}

/**
 * The entity as scopes see it, from what its evaluation stored: with type,
 * lifecycle and tags when they were kept, else the kind alone (`known`
 * false), which only scopes of kinds alone can be decided on.
 */
export function scopedEntity(evaluation: ScoredEvaluation): {
  entity: Entity;
  known: boolean;
} {
  return evaluation.scope
    ? { entity: entityOfScope(evaluation.kind, evaluation.scope), known: true }
    : {
        entity: entityOfScope(evaluation.kind, {
          type: null,
          lifecycle: null,
          tags: [],
        }),
        known: false,
      };
}

/** Whether a scope covers the entity; undefined when the stored facts cannot tell. */
export function covers(
  scope: CheckApplicability | undefined,
  seen: { entity: Entity; known: boolean },
): boolean | undefined {
  if (!scope) return true;
  if (!seen.known && needsScopeFacts(scope)) return undefined;
  return appliesToEntity(scope, seen.entity);
}

/** A check whose override's `appliesTo` the candidate changes. */
export interface CheckScopeChange {
  id: string;
  before?: CheckApplicability;
  after?: CheckApplicability;
}

/**
 * The results as the candidate's check scopes leave them. A result of a
 * check the candidate narrows away from the entity becomes not-applicable
 * (`narrowed`); one the candidate widens to the entity was not run, so it
 * stays as stored and is reported (`widened`); so are checks whose scope the
 * stored facts cannot decide (`undecided`). `narrowed` names the checks
 * whose result the candidate's scope turns to not-applicable.
 */
export function rescoped(
  results: ReadonlyArray<Result>,
  changes: ReadonlyArray<CheckScopeChange>,
  seen: { entity: Entity; known: boolean },
) {
  const narrowed = new Set<string>();
  const widened = new Set<string>();
  const undecided = new Set<string>();
  for (const change of changes) {
    const before = covers(change.before, seen);
    const after = covers(change.after, seen);
    if (before === undefined || after === undefined) undecided.add(change.id);
    else if (before && !after) narrowed.add(change.id);
    else if (!before && after) widened.add(change.id);
  }
  if (narrowed.size === 0) return { results, narrowed, widened, undecided };
  // Only the checks whose result the new scope changes touch the entity.
  const changed = new Set<string>();
  const narrowedResults = results.map(r => {
    if (!narrowed.has(r.checkId) || r.status === 'not-applicable') return r;
    changed.add(r.checkId);
    return { checkId: r.checkId, status: 'not-applicable' as const };
  });
  return { results: narrowedResults, narrowed: changed, widened, undecided };
}
