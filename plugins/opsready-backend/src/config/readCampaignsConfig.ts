import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds, HumanDuration } from '@backstage/types';

/** The `opsready.campaigns` section of app-config, read and validated. */
export interface CampaignsConfig {
  /** How often every campaign not ended is computed again from the catalog. */
  refreshInterval: HumanDuration;
}

const KEY = 'opsready.campaigns.refreshInterval';
const DEFAULT_INTERVAL: HumanDuration = { minutes: 15 };
const MIN_MS = durationToMilliseconds({ minutes: 1 });
const MAX_MS = durationToMilliseconds({ hours: 24 });

/** Reads `opsready.campaigns`; mistakes stop start-up naming the key. */
export function readCampaignsConfig(root: Config): CampaignsConfig {
  const config = root.getOptionalConfig('opsready.campaigns');
  if (!config?.has('refreshInterval')) {
    return { refreshInterval: DEFAULT_INTERVAL };
  }
  let ms: number;
  try {
    ms = durationToMilliseconds(
      readDurationFromConfig(config, { key: 'refreshInterval' }),
    );
  } catch (error) {
    throw new Error(
      `${KEY} must be a duration such as { minutes: 15 } or 'PT15M': ${
        (error as Error).message
      }`,
    );
  }
  if (!Number.isFinite(ms) || ms < MIN_MS || ms > MAX_MS) {
    throw new Error(`${KEY} must be from 1 minute to 24 hours, got ${ms} ms`);
  }
  return { refreshInterval: { milliseconds: ms } };
}
