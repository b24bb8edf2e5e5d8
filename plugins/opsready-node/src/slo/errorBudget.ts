import {
  AvailabilityObjective,
  BURN_RATE_RULES,
  BurnRateRule,
  SliMeasurement,
  SliWindow,
} from './types';

/**
 * Rounds away the noise of binary fractions (1 - 0.999 is
 * 0.0010000000000000009), so that a burn rate of exactly 14.4 is 14.4 and
 * fires the rule at 14.4.
 */
function exact(value: number): number {
  return Number(value.toPrecision(12));
}

/**
 * The error budget over an objective's window, as shares: `allowed` is the
 * share of bad events the objective allows (0.001 for 99.9 %), `consumed`
 * the share of that budget the measured error ratio used, `remaining` what
 * is left. `remaining` goes below 0 once the objective is missed: -1 means
 * twice the budget was spent. `burnRate` is how many times the sustainable
 * rate the budget burns at; over the objective's own window it equals
 * `consumed`.
 *
 * @public
 */
export interface ErrorBudget {
  allowed: number;
  consumed: number;
  remaining: number;
  burnRate: number;
}

/**
 * The error budget of an availability objective, given the error ratio
 * measured over its window.
 *
 * @public
 */
export function errorBudget(
  objective: AvailabilityObjective,
  errorRatio: number,
): ErrorBudget {
  const allowed = exact(1 - objective.target);
  const consumed = exact(errorRatio / allowed);
  return {
    allowed,
    consumed,
    remaining: exact(1 - consumed),
    burnRate: consumed,
  };
}

/**
 * A burn-rate rule that fires: the error budget burns at least `factor`
 * times the sustainable rate over both its windows.
 *
 * @public
 */
export interface BurnRateAlert {
  severity: BurnRateRule['severity'];
  factor: number;
  windows: { long: SliWindow; short: SliWindow };
  burnRates: { long: number; short: number };
  /** One sentence for people, e.g. in a check's message. */
  message: string;
}

function times(rate: number): string {
  return `${Number(rate.toFixed(1))}×`;
}

/**
 * The burn-rate rules of the SRE workbook that fire on the measured error
 * ratios: each fires when the burn rate over both its long and its short
 * window is at least its factor. A window with no measured ratio (no
 * events) cannot fire a rule: nothing says the budget burns there.
 *
 * @public
 */
export function burnRateAlerts(
  objective: AvailabilityObjective,
  errorRatios: SliMeasurement['errorRatios'],
  rules: ReadonlyArray<BurnRateRule> = BURN_RATE_RULES,
): BurnRateAlert[] {
  const alerts: BurnRateAlert[] = [];
  for (const rule of rules) {
    const longRatio = errorRatios[rule.longWindow];
    const shortRatio = errorRatios[rule.shortWindow];
    if (longRatio === undefined || shortRatio === undefined) {
      continue;
    }
    const long = errorBudget(objective, longRatio).burnRate;
    const short = errorBudget(objective, shortRatio).burnRate;
    if (long >= rule.factor && short >= rule.factor) {
      alerts.push({
        severity: rule.severity,
        factor: rule.factor,
        windows: { long: rule.longWindow, short: rule.shortWindow },
        burnRates: { long, short },
        message: `${
          rule.severity === 'page' ? 'Page' : 'Ticket'
        }: the error budget burns ${times(long)} the sustainable rate over ${
          rule.longWindow
        } and ${times(short)} over ${rule.shortWindow} (at least ${
          rule.factor
        }× over both).`,
      });
    }
  }
  return alerts;
}
