import { CheckOutcome, RepositoryFacts, ServiceFacts } from '../types';

/**
 * Runs a repository check's judgement, or answers `unknown` when the
 * repository was not read, naming what could not be checked.
 */
export function withRepository(
  facts: ServiceFacts,
  whatIsChecked: string,
  judge: (repository: RepositoryFacts) => CheckOutcome,
): CheckOutcome {
  if (!facts.repository) {
    return {
      status: 'unknown',
      message: `The repository was not read (no source location, or it could not be fetched), so ${whatIsChecked} could not be checked.`,
    };
  }
  return judge(facts.repository);
}

/** The last segment of a path. */
export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
