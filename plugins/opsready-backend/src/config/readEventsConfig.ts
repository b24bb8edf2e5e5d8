import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
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
  /** Rollback advised from request metrics in Prometheus after a deployment. */
  rollbackTriggers: RollbackTriggersConfig;
}

/** The metric rollback triggers (`opsready.events.rollbackAdvised.*`). */
export interface RollbackTriggersConfig {
  /** Fires when the share of errors since the deployment is above it. */
  errorRate: number;
  /** Fires when p95 since the deployment is above (1 + this) × p95 of the hour before. */
  latencyIncrease: number;
  /** Fewer requests since the deployment give no verdict. */
  minRequests: number;
  /** How long after it reached its environment a deployment is watched. */
  watchForMs: number;
  /** When the watch runs, once across replicas. */
  schedule: SchedulerServiceTaskScheduleDefinition;
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
    rollbackTriggers: readRollbackTriggers(config, number),
  };
}

const TRIGGERS = 'opsready.events.rollbackAdvised';
const DEFAULT_WATCH_MS = durationToMilliseconds({ hours: 1 });
const MAX_WATCH_MS = durationToMilliseconds({ days: 7 });
const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 1 },
  timeout: { minutes: 5 },
  initialDelay: { minutes: 1 },
};

function readRollbackTriggers(
  config: Config | undefined,
  number: ReturnType<typeof boundedNumberReader>,
): RollbackTriggersConfig {
  const section = config?.getOptionalConfig('rollbackAdvised');
  return {
    errorRate: number('rollbackAdvised.errorRate', 0.05, 0, 1),
    latencyIncrease: number('rollbackAdvised.latencyIncrease', 0.5, 0, 100),
    minRequests: number('rollbackAdvised.minRequests', 20, 1),
    watchForMs: readWatchFor(section),
    schedule: section?.has('schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          section.getConfig('schedule'),
        )
      : DEFAULT_SCHEDULE,
  };
}

/** Minutes (a number) or a duration ({ hours: 2 }, 'PT2H'). */
function readWatchFor(section: Config | undefined): number {
  if (!section?.has('watchFor')) return DEFAULT_WATCH_MS;
  const key = `${TRIGGERS}.watchFor`;
  const value = section.getOptional('watchFor');
  let ms: number;
  if (typeof value === 'number') {
    ms = value * 60_000;
  } else {
    try {
      ms = durationToMilliseconds(
        readDurationFromConfig(section, { key: 'watchFor' }),
      );
    } catch (error) {
      throw new Error(
        `${key} must be minutes or a duration such as { hours: 1 } or 'PT1H': ${
          (error as Error).message
        }`,
      );
    }
  }
  if (!Number.isFinite(ms) || ms < 60_000 || ms > MAX_WATCH_MS) {
    throw new Error(
      `${key} must be from 1 minute to 7 days, got ${ms / 60_000} minutes`,
    );
  }
  return ms;
}
