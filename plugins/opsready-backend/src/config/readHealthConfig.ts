import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import { readLiveDataSources } from '@opsready/plugin-opsready-node';
import { parseAllowEntry } from '../health/allowList';
import { defaultStateRules, StateRules } from '../health/endpointState';
import { OwnEndpoint, readOwnEndpoints } from '../health/ownEndpoints';
import {
  DEFAULT_CONCURRENCY,
  DEFAULT_SUSPECT_CONCURRENCY,
} from '../health/Prober';

/** The `opsready.health` section of app-config, read and validated. */
export interface HealthConfig {
  enabled: boolean;
  schedule: SchedulerServiceTaskScheduleDefinition;
  shards: number;
  deadlineMs: number;
  timeoutMs: number;
  concurrency: number;
  /** Probes in flight at once for endpoints that timed out last time. */
  suspectConcurrency: number;
  perHostConcurrency: number;
  retries: number;
  maxRedirects: number;
  maxBodyBytes: number;
  /** Allow-list entries, each checked at startup (see parseAllowEntry). */
  allow: string[];
  /** Where the backend itself answers: never probed, whatever `allow` says. */
  own: OwnEndpoint[];
  headers: Record<string, string>;
  rules: StateRules;
  retentionDays: number;
}

function positive(
  config: Config | undefined,
  key: string,
  fallback: number,
  min = 1,
): number {
  const value = config?.getOptionalNumber(key) ?? fallback;
  if (!Number.isFinite(value) || value < min) {
    throw new Error(
      `opsready.health.${key} must be a number of at least ${min}, got ${value}`,
    );
  }
  return value;
}

/** Reads `opsready.health`; mistakes stop start-up naming the key. */
export function readHealthConfig(root: Config): HealthConfig {
  const config = root.getOptionalConfig('opsready.health');
  const schedule = config?.has('schedule')
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
        config.getConfig('schedule'),
      )
    : {
        frequency: { seconds: 60 },
        timeout: { seconds: 55 },
        initialDelay: { seconds: 10 },
      };
  const headers = config?.getOptional<Record<string, string>>('headers') ?? {};
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value !== 'string') {
      throw new Error(`opsready.health.headers.${name} must be a string`);
    }
    if (/^(authorization|cookie)$/i.test(name) && !value) {
      throw new Error(`opsready.health.headers.${name} is empty`);
    }
  }
  const allow = config?.getOptionalStringArray('allow') ?? [];
  // A bad entry stops startup naming it, rather than failing every probe.
  allow.forEach(parseAllowEntry);
  return {
    // Read as a template's promised score reads it (pending health checks).
    enabled: readLiveDataSources(root).health,
    schedule,
    shards: positive(config, 'shards', 1),
    deadlineMs: positive(
      config,
      'deadlineMs',
      durationToMilliseconds({ seconds: 50 }),
    ),
    timeoutMs: positive(
      config,
      'timeoutMs',
      durationToMilliseconds({ seconds: 5 }),
    ),
    // 2048: on the first sweep nothing is known to hang, and each hanging
    // endpoint holds a slot for the whole timeout; 5,000 of them at 5 s
    // over 256 slots alone take 98 s. A waiting probe costs a socket, not CPU.
    concurrency: positive(config, 'concurrency', DEFAULT_CONCURRENCY),
    // Endpoints that timed out on their last probe, in slots of their own:
    // 5,000 of them at 5 s over 1024 slots take 25 s beside the rest.
    suspectConcurrency: positive(
      config,
      'suspectConcurrency',
      DEFAULT_SUSPECT_CONCURRENCY,
    ),
    perHostConcurrency: positive(config, 'perHostConcurrency', 4),
    retries: positive(config, 'retries', 1, 0),
    maxRedirects: positive(config, 'maxRedirects', 0, 0),
    maxBodyBytes: positive(config, 'maxBodyBytes', 64 * 1024),
    allow,
    own: readOwnEndpoints(root),
    headers,
    rules: {
      failureThreshold: positive(
        config,
        'failureThreshold',
        defaultStateRules.failureThreshold,
      ),
      successThreshold: positive(
        config,
        'successThreshold',
        defaultStateRules.successThreshold,
      ),
      flapTransitions: defaultStateRules.flapTransitions,
      flapWindowMs: defaultStateRules.flapWindowMs,
    },
    retentionDays: positive(config, 'retentionDays', 30),
  };
}
