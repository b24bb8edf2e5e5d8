import { CheckDefinition } from '../types';
import { ciCheck } from './ciCheck';
import { codeownersCheck } from './codeownersCheck';
import { dockerfileCheck } from './dockerfileCheck';
import { readmeCheck } from './readmeCheck';

/**
 * The repository checks, over the files of the service's repository.
 *
 * @internal
 */
export const repositoryChecks: CheckDefinition[] = [
  dockerfileCheck,
  ciCheck,
  readmeCheck,
  codeownersCheck,
];
