import { Entity } from '@backstage/catalog-model';
import { evaluateCheck, serviceComponent } from '../testFacts';
import {
  CheckDefinition,
  CheckOptions,
  CheckOutcome,
  HealthEndpointFacts,
  HealthFacts,
} from '../types';

/** Test helper: a service component with the given annotations. */
export function component(annotations: Record<string, string> = {}): Entity {
  return serviceComponent({ metadata: { annotations } });
}

export const PRODUCTION_URL = 'https://cart.example.com/healthz';
export const STAGING_URL = 'https://cart.staging.example.com/healthz';

/** Test helper: a component declaring a default and a staging endpoint. */
export const twoEndpoints = component({
  'opsready.io/health-url': PRODUCTION_URL,
  'opsready.io/health-url-staging': STAGING_URL,
});

/** Test helper: what the prober measured on one endpoint. */
export function measured(
  environment: string,
  figures: Partial<HealthEndpointFacts> = {},
): HealthEndpointFacts {
  return {
    environment,
    url: environment === 'staging' ? STAGING_URL : PRODUCTION_URL,
    status: 'up',
    ...figures,
  };
}

/** Test helper: health facts over a 24-hour window. */
export function health(...endpoints: HealthEndpointFacts[]): HealthFacts {
  return { windowHours: 24, endpoints };
}

/** Test helper: evaluates one check with the default options, or some changed. */
export function evaluate(
  check: CheckDefinition,
  entity: Entity,
  healthFacts?: HealthFacts,
  options: Partial<CheckOptions> = {},
): CheckOutcome {
  return evaluateCheck(
    check,
    { entity, ...(healthFacts ? { health: healthFacts } : {}) },
    options,
  );
}

/**
 * Test helper: evaluates one check for the service with two endpoints, on
 * what the prober measured on them, with the default options.
 */
export function onTwoEndpoints(
  check: CheckDefinition,
  ...endpoints: HealthEndpointFacts[]
): CheckOutcome {
  return evaluate(check, twoEndpoints, health(...endpoints));
}
