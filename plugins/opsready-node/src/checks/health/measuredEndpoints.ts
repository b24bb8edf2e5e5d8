import { derived } from '../derivedFacts';
import { CheckOutcome, HealthEndpointFacts, ServiceFacts } from '../types';
import { copied, declaredEndpointsIn } from './declaredEndpoints';

/** What the health prober measured for the endpoints the entity declares. */
export interface Measurements {
  windowHours: number;
  endpoints: HealthEndpointFacts[];
}

/**
 * The measurements the uptime and latency checks judge, or the outcome they
 * answer when there are none to judge: not applicable without a declared
 * endpoint, unknown without health facts (no prober, or its records could
 * not be read). Health facts with no figures for the declared endpoints
 * mean the prober works but has not probed them yet: the checks then
 * answer `pending` (see `notProbedYet`).
 */
export function measurementsOf(
  facts: ServiceFacts,
): Measurements | CheckOutcome {
  const { usable } = declaredEndpointsIn(facts);
  if (usable.length === 0) {
    return {
      status: 'not-applicable',
      message:
        'No http(s) health endpoint is declared, so there is nothing to measure (see the health endpoint check).',
    };
  }
  if (!facts.health) {
    return {
      status: 'unknown',
      message:
        'No health measurements are available for this service: the health prober is not enabled, or its records could not be read.',
      evidence: { declared: copied(usable) },
    };
  }
  return derived(facts, deriveMeasurements);
}

/**
 * The figures of the declared endpoints, derived once per evaluation for
 * both checks that judge them (read-only: the checks copy what they put in
 * evidence). Figures for an environment no longer declared are left over
 * from an earlier declaration, and must not hold the service to an old
 * endpoint.
 */
function deriveMeasurements(facts: ServiceFacts): Measurements {
  const { usable } = declaredEndpointsIn(facts);
  const declared = new Set(usable.map(e => e.environment));
  return {
    windowHours: facts.health!.windowHours,
    endpoints: facts.health!.endpoints.filter(e => declared.has(e.environment)),
  };
}

export function isOutcome(
  value: Measurements | CheckOutcome,
): value is CheckOutcome {
  return 'status' in value;
}

/**
 * A share as a percentage, e.g. 0.9875 as `98.75%`. Truncated rather than
 * rounded, so that 98.999% is never shown as the 99% it falls short of.
 */
export function percent(share: number): string {
  return `${Math.floor(share * 10000 + 1e-9) / 100}%`;
}

export function hours(windowHours: number): string {
  return windowHours === 1 ? 'hour' : `${windowHours} hours`;
}

/**
 * Whether none of the declared endpoints has been probed yet: the prober
 * works, and the service is new to it (or not deployed yet).
 */
export function notProbedYet(measurements: Measurements): boolean {
  return measurements.endpoints.every(e => e.uptime === undefined);
}
