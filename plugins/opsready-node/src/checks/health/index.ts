export { healthChecks } from './healthChecks';
export { endpointDeclaredCheck } from './endpointDeclaredCheck';
export { uptimeCheck } from './uptimeCheck';
export { latencyCheck } from './latencyCheck';
