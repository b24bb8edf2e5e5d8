import { Entity } from '@backstage/catalog-model';
import { evaluateCheck, serviceComponent } from '../testFacts';
import {
  CheckDefinition,
  CheckOptions,
  CheckOutcome,
  ServiceFacts,
} from '../types';

/** Test helper: a production service component, with overrides. */
export function component(
  overrides: {
    metadata?: Partial<Entity['metadata']>;
    spec?: Record<string, unknown>;
  } = {},
): Entity {
  return serviceComponent({
    metadata: overrides.metadata,
    spec: { owner: 'group:default/storefront', ...overrides.spec },
  });
}

/** Test helper: evaluates one check with the default options, or some changed. */
export function evaluate(
  check: CheckDefinition,
  facts: Partial<ServiceFacts> = {},
  options: Partial<CheckOptions> = {},
): CheckOutcome {
  return evaluateCheck(check, { entity: component(), ...facts }, options);
}
