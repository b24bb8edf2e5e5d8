import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { CheckDefinition } from './checks/types';
import { FactProvider } from './facts/FactProvider';

/**
 * Lets backend modules add their own checks to OpsReady.
 *
 * @public
 */
export interface OpsReadyChecksExtensionPoint {
  /** Adds checks; throws if a check id is already taken. */
  addChecks(...checks: CheckDefinition[]): void;
}

/**
 * The extension point for custom checks.
 *
 * @public
 */
export const opsreadyChecksExtensionPoint =
  createExtensionPoint<OpsReadyChecksExtensionPoint>({
    id: 'opsready.checks',
  });

/**
 * Lets backend modules add sources of facts (e.g. a cloud provider's
 * inventory) for checks to read.
 *
 * @public
 */
export interface OpsReadyFactProvidersExtensionPoint {
  /** Adds a provider; throws if its id is already taken. */
  addFactProvider(provider: FactProvider): void;
}

/**
 * The extension point for custom fact providers.
 *
 * @public
 */
export const opsreadyFactProvidersExtensionPoint =
  createExtensionPoint<OpsReadyFactProvidersExtensionPoint>({
    id: 'opsready.factProviders',
  });
