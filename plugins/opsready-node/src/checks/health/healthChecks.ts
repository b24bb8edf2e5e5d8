import { CheckDefinition } from '../types';
import { endpointDeclaredCheck } from './endpointDeclaredCheck';
import { latencyCheck } from './latencyCheck';
import { uptimeCheck } from './uptimeCheck';

/**
 * The health checks, over the endpoints an entity declares and what the
 * health prober measured on them.
 *
 * @internal
 */
export const healthChecks: CheckDefinition[] = [
  endpointDeclaredCheck,
  uptimeCheck,
  latencyCheck,
];
