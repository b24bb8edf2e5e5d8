import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  isAtLeastLevel,
  LevelDefinition,
  normalizeEntityRef,
} from '@opsready/plugin-opsready-common';
import { CampaignGateBlock, CampaignReads } from '../campaigns/types';
import { EvaluationService } from '../evaluation/EvaluationService';
import { ErrorBudgetGate, errorBudgetGate } from './errorBudgetGate';
import { quoted } from '../lib/zodProblems';

/** What CI asks the gate: is this entity at this level or above? */
export interface GateQuery {
  /** A ref; kind component and namespace default unless given. */
  entityRef: string;
  /** One of the scorecard's levels. */
  minLevel: string;
  /** A scorecard id; the first scorecard when left out. */
  scorecard?: string;
  /** Fail while the entity's error budget is exhausted (a release freeze). */
  requireErrorBudget?: boolean;
}

/** The gate's answer, as GET /gate gives it. */
export interface GateVerdict {
  entityRef: string;
  /** The scorecard the level and score are of. */
  scorecard: string;
  minLevel: string;
  level: string | null;
  score: number | null;
  pass: boolean;
  evaluatedAt: string;
  /** Enforced campaigns past their deadline the entity has items left in. */
  blockingCampaigns?: CampaignGateBlock[];
  /** With `requireErrorBudget`: the budget, and whether it holds the gate. */
  errorBudget?: ErrorBudgetGate;
  failingChecks: Array<{
    id: string;
    title: string;
    severity: string;
    status: string;
    message: string;
  }>;
}

export type GateVerdictFunction = (
  query: GateQuery,
  credentials: BackstageCredentials,
) => Promise<GateVerdict>;

const FAILING = ['fail', 'error', 'unknown'];

/**
 * The gate, for the API and for automation: the entity passes when its
 * level is the one asked or above, no enforced campaign past its deadline
 * still waits on it, and, when asked, its error budget is not exhausted. The entity is read as the caller may see it
 * (404 otherwise), and evaluated now if it never was.
 */
export function createGateVerdict(deps: {
  evaluations: Pick<EvaluationService, 'getEvaluation'>;
  /** The scorecards with their levels, the first asked when none is named. */
  scorecards: ReadonlyArray<{ id: string; levels: LevelDefinition[] }>;
  /** Without it, campaigns do not take part in the gate. */
  campaigns?: Pick<CampaignReads, 'getGateBlocks'>;
  now?: () => Date;
}): GateVerdictFunction {
  const now = deps.now ?? (() => new Date());
  return async (
    { entityRef: rawRef, minLevel, requireErrorBudget, scorecard: asked },
    credentials,
  ) => {
    let entityRef: string;
    try {
      entityRef = normalizeEntityRef(rawRef, {
        defaultKind: 'component',
        defaultNamespace: 'default',
      });
    } catch {
      throw new InputError(
        `Invalid query: entityRef: ${quoted(
          rawRef,
        )} is not an entity ref, e.g. component:default/cartservice`,
      );
    }
    const scorecard = asked
      ? deps.scorecards.find(s => s.id === asked)
      : deps.scorecards[0];
    if (!scorecard) {
      throw new InputError(
        `Invalid query: scorecard: unknown scorecard ${quoted(
          asked ?? '',
        )}; the scorecards are ${deps.scorecards.map(s => s.id).join(', ')}`,
      );
    }
    const { levels } = scorecard;
    if (!levels.some(level => level.name === minLevel)) {
      throw new InputError(
        `Invalid query: minLevel: unknown level ${quoted(
          minLevel,
        )}; the levels are ${levels.map(l => l.name).join(', ')}`,
      );
    }
    const evaluation = await deps.evaluations.getEvaluation(
      entityRef,
      credentials,
    );
    const scored = evaluation.scorecards.find(s => s.id === scorecard.id) ?? {
      ...(scorecard === deps.scorecards[0]
        ? // Stored before there were scorecards: the entity's own figures.
          { score: evaluation.score, level: evaluation.level }
        : notInScope(evaluation.entityRef, scorecard.id)),
      checks: evaluation.checks,
    };
    const scoredCheckIds = new Set(scored.checks.map(c => c.id));
    const blockingCampaigns = await deps.campaigns?.getGateBlocks(
      evaluation.entityRef,
      now(),
    );
    const errorBudget = requireErrorBudget
      ? errorBudgetGate(evaluation)
      : undefined;
    return {
      entityRef: evaluation.entityRef,
      scorecard: scorecard.id,
      minLevel,
      level: scored.level,
      score: scored.score,
      pass:
        isAtLeastLevel(scored.level, minLevel, levels) &&
        !blockingCampaigns?.length &&
        !errorBudget?.exhausted,
      evaluatedAt: evaluation.evaluatedAt,
      ...(blockingCampaigns ? { blockingCampaigns } : {}),
      ...(errorBudget ? { errorBudget } : {}),
      failingChecks: evaluation.checks
        .filter(
          c =>
            scoredCheckIds.has(c.id) &&
            !c.exemption &&
            FAILING.includes(c.result.status),
        )
        .map(c => ({
          id: c.id,
          title: c.title,
          severity: c.severity,
          status: c.result.status,
          message: c.result.message,
        })),
    };
  };
}

// A scorecard whose scope leaves the entity out has no level for it to
// reach: asking is a mistake of the caller, not a failed gate.
function notInScope(entityRef: string, scorecardId: string): never {
  throw new InputError(
    `Invalid query: scorecard: ${entityRef} is not in the scope of scorecard '${scorecardId}'`,
  );
}
