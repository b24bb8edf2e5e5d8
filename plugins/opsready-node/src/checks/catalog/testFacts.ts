import { Entity } from '@backstage/catalog-model';
import {
  CheckContext,
  CheckDefinition,
  CheckOptions,
  CheckOutcome,
  defaultCheckOptions,
  ServiceFacts,
} from '../types';

/** Test helper: a production service component, with overrides. */
export function component(
  overrides: {
    metadata?: Partial<Entity['metadata']>;
    spec?: Record<string, unknown>;
  } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'cart', ...overrides.metadata },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/storefront',
      ...overrides.spec,
    },
  };
}

/** Test helper: evaluates one check with the default options, or some changed. */
export function evaluate(
  check: CheckDefinition,
  facts: Partial<ServiceFacts> = {},
  options: Partial<CheckOptions> = {},
): CheckOutcome {
  const context: CheckContext = {
    now: new Date('2026-11-22T12:00:00Z'),
    options: { ...defaultCheckOptions, ...options },
  };
  return check.evaluate({ entity: component(), ...facts }, context);
}
