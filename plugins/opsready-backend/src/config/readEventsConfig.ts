import { Config } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import { boundedNumberReader } from './boundedNumberReader';
import {
  ERROR_SEVERITIES,
  ErrorSeverity,
} from '@opsready/plugin-opsready-common';

/** The `opsready.events` section of app-config, read and validated. */
export interface EventsConfig {
  /** An error this long after a deployment (same environment) follows from it. */
  correlationWindowMs: number;
  /** Rollback is advised past this many consecutive health failures. */
  rollbackConsecutiveHealthFailures: number;
  /** ...or when errors after a deployment reach both of these. */
  errorSpike: { minErrors: number; factor: number };
  retentionDays: number;
  /** Items one ingest request may carry. */
  maxBatch: number;
  /** Bytes one ingest request body may have. */
  maxPayloadBytes: number;
  /** Severity of the error a failing health endpoint opens, per environment. */
  healthErrorSeverity: (environment: string) => ErrorSeverity;
}

/** The most any deployment may set `maxBatch` to. */
export const MAX_BATCH_LIMIT = 500;

/** Reads `opsready.events`; mistakes stop start-up naming the key. */
export function readEventsConfig(root: Config): EventsConfig {
  const config = root.getOptionalConfig('opsready.events');
  const number = boundedNumberReader('opsready.events', config);
  const severities: Record<string, string> = {
    production: 'critical',
    default: 'medium',
    ...(config?.getOptional<Record<string, string>>('healthErrorSeverity') ??
      {}),
  };
  for (const [environment, severity] of Object.entries(severities)) {
    if (!ERROR_SEVERITIES.includes(severity as ErrorSeverity)) {
      throw new Error(
        `opsready.events.healthErrorSeverity.${environment} must be one of ${ERROR_SEVERITIES.join(
          ', ',
        )}, got '${severity}'`,
      );
    }
  }
  return {
    correlationWindowMs: durationToMilliseconds({
      minutes: number('correlationWindowMinutes', 60, 1, 7 * 24 * 60),
    }),
    rollbackConsecutiveHealthFailures: number(
      'rollbackAdvised.consecutiveHealthFailures',
      2,
      1,
    ),
    errorSpike: {
      minErrors: number('rollbackAdvised.errorSpike.minErrors', 5, 1),
      factor: number('rollbackAdvised.errorSpike.factor', 3, 1),
    },
    retentionDays: number('retentionDays', 400, 1),
    maxBatch: number('maxBatch', MAX_BATCH_LIMIT, 1, MAX_BATCH_LIMIT),
    maxPayloadBytes: number(
      'maxPayloadBytes',
      4 * 1024 * 1024,
      1024,
      64 * 1024 * 1024,
    ),
    healthErrorSeverity: environment =>
      (severities[environment] ?? severities.default) as ErrorSeverity,
  };
}
