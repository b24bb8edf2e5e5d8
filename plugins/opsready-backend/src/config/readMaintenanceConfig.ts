import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';

/** The `opsready.maintenance` section of app-config, read and validated. */
export interface MaintenanceConfig {
  /** Windows that deployments in progress open for their entity and environment. */
  deploymentWindow: { enabled: boolean; durationMs: number };
}

const KEY = 'opsready.maintenance.deploymentWindow';
const DEFAULT_DURATION_MS = durationToMilliseconds({ minutes: 15 });
const MIN_DURATION_MS = durationToMilliseconds({ minutes: 1 });
const MAX_DURATION_MS = durationToMilliseconds({ hours: 24 });

/** Reads `opsready.maintenance`; mistakes stop start-up naming the key. */
export function readMaintenanceConfig(root: Config): MaintenanceConfig {
  const config = root.getOptionalConfig(KEY);
  const enabled = config?.getOptionalBoolean('enabled') ?? false;
  if (!config?.has('duration')) {
    return { deploymentWindow: { enabled, durationMs: DEFAULT_DURATION_MS } };
  }
  let durationMs: number;
  try {
    durationMs = durationToMilliseconds(
      readDurationFromConfig(config, { key: 'duration' }),
    );
  } catch (error) {
    throw new Error(
      `${KEY}.duration must be a duration such as { minutes: 15 } or 'PT15M': ${
        (error as Error).message
      }`,
    );
  }
  if (
    !Number.isFinite(durationMs) ||
    durationMs < MIN_DURATION_MS ||
    durationMs > MAX_DURATION_MS
  ) {
    throw new Error(
      `${KEY}.duration must be from 1 minute to 24 hours, got ${durationMs} ms`,
    );
  }
  return { deploymentWindow: { enabled, durationMs } };
}
