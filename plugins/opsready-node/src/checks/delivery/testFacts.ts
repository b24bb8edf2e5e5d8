import { Entity } from '@backstage/catalog-model';
import {
  CheckDefinition,
  CheckOptions,
  CheckOutcome,
  defaultCheckOptions,
  DeliveryFacts,
} from '../types';

/** The fixed "now" of the delivery tests. */
export const NOW = new Date('2026-11-22T12:00:00Z');

/** Test helper: the ISO time this long before NOW. */
export function before(amount: {
  days?: number;
  hours?: number;
  ms?: number;
}): string {
  const ms =
    (amount.days ?? 0) * 24 * 3600_000 +
    (amount.hours ?? 0) * 3600_000 +
    (amount.ms ?? 0);
  return new Date(NOW.getTime() - ms).toISOString();
}

/** Test helper: a production service component, with spec overrides. */
export function component(spec: Record<string, unknown> = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'cart' },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'storefront',
      ...spec,
    },
  };
}

/** Test helper: evaluates one check at NOW for a production service. */
export function evaluate(
  check: CheckDefinition,
  delivery: DeliveryFacts | undefined,
  {
    entity = component(),
    options = {},
  }: { entity?: Entity; options?: Partial<CheckOptions> } = {},
): CheckOutcome {
  return check.evaluate(
    { entity, ...(delivery ? { delivery } : {}) },
    { now: NOW, options: { ...defaultCheckOptions, ...options } },
  );
}
