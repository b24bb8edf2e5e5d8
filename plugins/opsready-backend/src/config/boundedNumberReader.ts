import { Config } from '@backstage/config';

/**
 * Reads numbers from one section of OpsReady's config: each the configured
 * value or its default; anything outside [min, max] stops start-up naming
 * the full key, e.g. `opsready.events.retentionDays must be a number from 1
 * to …, got 0`.
 */
export function boundedNumberReader(name: string, config: Config | undefined) {
  return (
    key: string,
    fallback: number,
    min: number,
    max = Number.MAX_SAFE_INTEGER,
  ): number => {
    const value = config?.getOptionalNumber(key) ?? fallback;
    if (!Number.isFinite(value) || value < min || value > max) {
      throw new Error(
        `${name}.${key} must be a number from ${min} to ${max}, got ${value}`,
      );
    }
    return value;
  };
}
