import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Run the checks of an entity now, instead of waiting for the next sweep.
 *
 * @public
 */
export const opsreadyChecksRunPermission = createPermission({
  name: 'opsready.checks.run',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});

/**
 * Grant or revoke an exemption from a check.
 *
 * @public
 */
export const opsreadyExemptionsManagePermission = createPermission({
  name: 'opsready.exemptions.manage',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});

/**
 * Send deployment and error events (CI/CD, scripts).
 *
 * @public
 */
export const opsreadyEventsCreatePermission = createPermission({
  name: 'opsready.events.create',
  attributes: { action: 'create' },
});

/**
 * Mark an error as resolved, with notes.
 *
 * @public
 */
export const opsreadyErrorsResolvePermission = createPermission({
  name: 'opsready.errors.resolve',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});

/**
 * Every permission OpsReady defines, for registration and policies.
 *
 * @public
 */
export const opsreadyPermissions = [
  opsreadyChecksRunPermission,
  opsreadyExemptionsManagePermission,
  opsreadyEventsCreatePermission,
  opsreadyErrorsResolvePermission,
];
