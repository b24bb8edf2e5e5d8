import { Config } from '@backstage/config';

/** What the SLO status and its burn-rate alerts are configured with. */
export interface SloConfig {
  /** The environment burn-rate errors are opened in. */
  environment: string;
}

const DEFAULT_ENVIRONMENT = 'production';

/** Reads `opsready.slo`; a blank environment stops start-up, naming the key. */
export function readSloConfig(root: Config): SloConfig {
  const environment = root.getOptionalString('opsready.slo.environment');
  if (environment !== undefined && environment.trim() === '') {
    throw new Error(
      'opsready.slo.environment must name an environment, e.g. production',
    );
  }
  return { environment: environment?.trim() ?? DEFAULT_ENVIRONMENT };
}
