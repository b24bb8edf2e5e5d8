import {
  burnRateAlerts,
  errorBudget,
  SliMeasurement,
  SloSpec,
} from '@opsready/plugin-opsready-node';
import { SloObjectives, StoredSloStatus } from '../database/SloStatusStore';

/** The objectives as the API shows them: without where a default came from. */
export function objectivesOf(spec: SloSpec): SloObjectives {
  return {
    declaredBy: spec.declaredBy,
    ...(spec.availability ? { availability: spec.availability } : {}),
    ...(spec.latency ? { latency: spec.latency } : {}),
  };
}

/**
 * What a measurement says of an entity's service level: the budget over
 * the objective's window, the burn-rate rules that fire, the burn rate
 * over the last hour (what the fleet is ranked by) and whether latency
 * holds. Without an availability objective there is no budget to burn.
 */
export function sloStatusOf(measured: {
  entityRef: string;
  spec: SloSpec;
  sli: SliMeasurement;
  problems: string[];
}): StoredSloStatus {
  const { entityRef, spec, sli, problems } = measured;
  const availability = spec.availability;
  const sloRatio = sli.errorRatios.slo;
  const hourRatio = sli.errorRatios['1h'];
  return {
    entityRef,
    measuredAt: sli.measuredAt,
    source: sli.source,
    objectives: objectivesOf(spec),
    sli,
    ...(availability && sloRatio !== undefined
      ? { budget: errorBudget(availability, sloRatio) }
      : {}),
    alerts: availability ? burnRateAlerts(availability, sli.errorRatios) : [],
    ...(availability && hourRatio !== undefined
      ? { burnRate1h: errorBudget(availability, hourRatio).burnRate }
      : {}),
    ...(spec.latency && sli.latencyMs !== undefined
      ? { latencyMet: sli.latencyMs <= spec.latency.thresholdMs }
      : {}),
    problems,
  };
}

/** `99.9 % availability over 28 days`, for people. */
export function describeAvailability(
  objective: NonNullable<SloSpec['availability']>,
): string {
  const percent = Number((objective.target * 100).toPrecision(10));
  return `${percent} % availability over ${objective.windowDays} days`;
}
