import { Entity } from '@backstage/catalog-model';
import {
  CheckDefinition,
  CheckOptions,
  CheckOutcome,
  defaultCheckOptions,
  RepositoryFacts,
  ServiceFacts,
} from './types';

/** Test helpers shared by the check families' own testFacts. */

/** The fixed "now" the check tests evaluate at. */
export const TEST_NOW = new Date('2026-11-22T12:00:00Z');

/**
 * The service the check tests judge: the production component `cart`,
 * owned by storefront, with metadata and spec fields replaced.
 */
export function serviceComponent(
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
      owner: 'storefront',
      ...overrides.spec,
    },
  };
}

/** Evaluates one check at TEST_NOW with the default options, or some changed. */
export function evaluateCheck(
  check: CheckDefinition,
  facts: ServiceFacts,
  options: Partial<CheckOptions> = {},
): CheckOutcome {
  return check.evaluate(facts, {
    now: TEST_NOW,
    options: { ...defaultCheckOptions, ...options },
  });
}

/**
 * The `evaluate` of a family whose checks judge one kind of facts: it
 * evaluates a check on those facts (none when undefined), for the default
 * service or the entity given, with the options given.
 */
export function evaluatorOf<K extends Exclude<keyof ServiceFacts, 'entity'>>(
  key: K,
) {
  return (
    check: CheckDefinition,
    facts: ServiceFacts[K] | undefined,
    {
      entity = serviceComponent(),
      options = {},
    }: { entity?: Entity; options?: Partial<CheckOptions> } = {},
  ): CheckOutcome =>
    evaluateCheck(
      check,
      { entity, ...(facts ? { [key]: facts } : {}) },
      options,
    );
}

/**
 * A repository holding these files, all listed and read, and these further
 * paths, listed only (as the reader lists files it does not read).
 */
export function repositoryFacts(
  files: Record<string, string>,
  listedOnly: string[] = [],
): RepositoryFacts {
  return { paths: [...Object.keys(files), ...listedOnly], files };
}
