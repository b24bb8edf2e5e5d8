import { EntityEvaluation } from '@opsready/plugin-opsready-common';

/** The error budget as the gate reports it with `requireErrorBudget`. */
export interface ErrorBudgetGate {
  /** Whether the budget is spent: the gate then fails (a release freeze). */
  exhausted: boolean;
  /** Share of the budget left (1 = all of it); null when not measured. */
  remaining: number | null;
  target?: number;
  windowDays?: number;
  reason: string;
}

const BUDGET_CHECK = 'slo.budget-remaining';

const percent = (share: number) =>
  `${Number((share * 100).toFixed(2)).toString()} %`;

/**
 * The entity's error budget from its latest `slo.budget-remaining` result.
 * Only a budget measured and spent freezes releases: an entity with no SLO,
 * or whose budget is not measured (yet), is not held by it, and the reason
 * says so. An exemption from the check lifts the freeze.
 */
export function errorBudgetGate(evaluation: EntityEvaluation): ErrorBudgetGate {
  const check = evaluation.checks.find(c => c.id === BUDGET_CHECK);
  const evidence = check?.result.evidence as
    | {
        target?: number;
        windowDays?: number;
        budget?: { remaining?: number };
      }
    | undefined;
  const remaining = evidence?.budget?.remaining;
  if (!check || typeof remaining !== 'number') {
    return {
      exhausted: false,
      remaining: null,
      reason: check
        ? `No error budget is measured: ${check.result.message}`
        : 'No error budget is measured: the entity has no SLO check.',
    };
  }
  const objective = {
    ...(evidence?.target !== undefined ? { target: evidence.target } : {}),
    ...(evidence?.windowDays !== undefined
      ? { windowDays: evidence.windowDays }
      : {}),
  };
  const slo =
    objective.target !== undefined && objective.windowDays !== undefined
      ? `the ${percent(objective.target)} availability SLO over ${
          objective.windowDays
        } days`
      : 'the SLO';
  if (remaining > 0) {
    return {
      exhausted: false,
      remaining,
      ...objective,
      reason: `${percent(remaining)} of the error budget of ${slo} is left.`,
    };
  }
  if (check.exemption) {
    return {
      exhausted: false,
      remaining,
      ...objective,
      reason: `The error budget of ${slo} is exhausted, but ${BUDGET_CHECK} is exempted until ${check.exemption.expiresAt}.`,
    };
  }
  return {
    exhausted: true,
    remaining,
    ...objective,
    reason: `Release freeze: the error budget of ${slo} is exhausted (${percent(
      Math.max(remaining, 0),
    )} left).`,
  };
}
