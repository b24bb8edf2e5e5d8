import { durationToMilliseconds } from '@backstage/types';
import { Entity } from '@backstage/catalog-model';
import { evaluatorOf, serviceComponent, TEST_NOW } from '../testFacts';

/** The fixed "now" of the delivery tests. */
export const NOW = TEST_NOW;

/** Test helper: the ISO time this long before NOW. */
export function before(amount: {
  days?: number;
  hours?: number;
  ms?: number;
}): string {
  const { ms = 0, ...duration } = amount;
  return new Date(
    NOW.getTime() - durationToMilliseconds(duration) - ms,
  ).toISOString();
}

/** Test helper: a production service component, with spec overrides. */
export function component(spec: Record<string, unknown> = {}): Entity {
  return serviceComponent({ spec });
}

/** Test helper: evaluates one check at NOW for a production service. */
export const evaluate = evaluatorOf('delivery');
