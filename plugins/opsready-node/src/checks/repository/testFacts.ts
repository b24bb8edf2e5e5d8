import { Entity } from '@backstage/catalog-model';
import {
  CheckDefinition,
  CheckOutcome,
  defaultCheckOptions,
  RepositoryFacts,
} from '../types';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'cart' },
  spec: { type: 'service', lifecycle: 'production', owner: 'storefront' },
};

/**
 * Test helper: a repository holding these files, all listed and read, and
 * these further paths, listed only (as the reader lists files it does not
 * read).
 */
export function repository(
  files: Record<string, string>,
  listedOnly: string[] = [],
): RepositoryFacts {
  return { paths: [...Object.keys(files), ...listedOnly], files };
}

/** Test helper: evaluates one check over a repository, or without one. */
export function evaluate(
  check: CheckDefinition,
  repositoryFacts?: RepositoryFacts,
): CheckOutcome {
  return check.evaluate(
    { entity, ...(repositoryFacts ? { repository: repositoryFacts } : {}) },
    { now: new Date('2026-11-22T12:00:00Z'), options: defaultCheckOptions },
  );
}

/** Test helper: a Dockerfile from lines. */
export const dockerfile = (...lines: string[]) => `${lines.join('\n')}\n`;
