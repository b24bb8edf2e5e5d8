import { CheckDefinition } from '../types';
import { alertsCheck } from './alertsCheck';
import { metricsCheck } from './metricsCheck';
import { structuredLoggingCheck } from './structuredLoggingCheck';

/**
 * The observability checks: metrics, logs and alerting.
 *
 * @internal
 */
export const observabilityChecks: CheckDefinition[] = [
  metricsCheck,
  structuredLoggingCheck,
  alertsCheck,
];
