import { evaluateCheck, repositoryFacts, serviceComponent } from '../testFacts';
import { CheckDefinition, CheckOutcome, RepositoryFacts } from '../types';

/**
 * Test helper: a repository holding these files, all listed and read, and
 * these further paths, listed only (as the reader lists files it does not
 * read).
 */
export const repository = repositoryFacts;

/** Test helper: evaluates one check over a repository, or without one. */
export function evaluate(
  check: CheckDefinition,
  facts?: RepositoryFacts,
): CheckOutcome {
  return evaluateCheck(check, {
    entity: serviceComponent(),
    ...(facts ? { repository: facts } : {}),
  });
}

/** Test helper: a Dockerfile from lines. */
export const dockerfile = (...lines: string[]) => `${lines.join('\n')}\n`;
