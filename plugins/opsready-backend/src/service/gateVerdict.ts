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
  /** One of the configured levels. */
  minLevel: string;
  /** Fail while the entity's error budget is exhausted (a release freeze). */
  requireErrorBudget?: boolean;
}

/** The gate's answer, as GET /gate gives it. */
export interface GateVerdict {
  entityRef: string;
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
  levels: LevelDefinition[];
  /** Without it, campaigns do not take part in the gate. */
  campaigns?: Pick<CampaignReads, 'getGateBlocks'>;
  now?: () => Date;
}): GateVerdictFunction {
  const now = deps.now ?? (() => new Date());
  return async (
    { entityRef: rawRef, minLevel, requireErrorBudget },
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
    if (!deps.levels.some(level => level.name === minLevel)) {
      throw new InputError(
        `Invalid query: minLevel: unknown level ${quoted(
          minLevel,
        )}; the levels are ${deps.levels.map(l => l.name).join(', ')}`,
      );
    }
    const evaluation = await deps.evaluations.getEvaluation(
      entityRef,
      credentials,
    );
    const blockingCampaigns = await deps.campaigns?.getGateBlocks(
      evaluation.entityRef,
      now(),
    );
    const errorBudget = requireErrorBudget
      ? errorBudgetGate(evaluation)
      : undefined;
    return {
      entityRef: evaluation.entityRef,
      minLevel,
      level: evaluation.level,
      score: evaluation.score,
      pass:
        isAtLeastLevel(evaluation.level, minLevel, deps.levels) &&
        !blockingCampaigns?.length &&
        !errorBudget?.exhausted,
      evaluatedAt: evaluation.evaluatedAt,
      ...(blockingCampaigns ? { blockingCampaigns } : {}),
      ...(errorBudget ? { errorBudget } : {}),
      failingChecks: evaluation.checks
        .filter(c => !c.exemption && FAILING.includes(c.result.status))
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
