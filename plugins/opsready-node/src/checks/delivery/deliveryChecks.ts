import { CheckDefinition } from '../types';
import { recentDeploymentCheck } from './recentDeploymentCheck';
import { noStaleCriticalErrorsCheck } from './staleCriticalErrorsCheck';

/**
 * The delivery checks, for production services: recent deployments, and no
 * critical error left unresolved.
 *
 * @internal
 */
export const deliveryChecks: CheckDefinition[] = [
  recentDeploymentCheck,
  noStaleCriticalErrorsCheck,
];
