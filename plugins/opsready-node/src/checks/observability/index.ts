export { observabilityChecks } from './observabilityChecks';
export { metricsCheck } from './metricsCheck';
export { structuredLoggingCheck } from './structuredLoggingCheck';
export { alertsCheck } from './alertsCheck';
