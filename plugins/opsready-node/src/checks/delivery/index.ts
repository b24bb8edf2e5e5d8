export { deliveryChecks } from './deliveryChecks';
export { recentDeploymentCheck } from './recentDeploymentCheck';
export { noStaleCriticalErrorsCheck } from './staleCriticalErrorsCheck';
