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
 * Ask for an exemption from a check of an entity. The request is not in
 * force until someone with {@link opsreadyExemptionsManagePermission} grants
 * it; the OpsReady policy gives this to the entity's owners.
 *
 * @public
 */
export const opsreadyExemptionsRequestPermission = createPermission({
  name: 'opsready.exemptions.request',
  attributes: { action: 'create' },
  resourceType: 'catalog-entity',
});

/**
 * Grant or revoke an exemption from a check, and decide requests for one.
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
 * Declare and delete maintenance windows of an entity (a System's apply to
 * its entities): health and error notifications are held, and uptime left
 * out, while one is in force. The OpsReady policy gives this to the
 * entity's owners and the platform groups.
 *
 * @public
 */
export const opsreadyMaintenanceManagePermission = createPermission({
  name: 'opsready.maintenance.manage',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});

/**
 * Launch, edit, pause, resume and end campaigns. The OpsReady policy gives
 * this to the platform groups.
 *
 * @public
 */
export const opsreadyCampaignsManagePermission = createPermission({
  name: 'opsready.campaigns.manage',
  attributes: { action: 'update' },
});

/**
 * Every permission OpsReady defines, for registration and policies.
 *
 * @public
 */
export const opsreadyPermissions = [
  opsreadyChecksRunPermission,
  opsreadyExemptionsRequestPermission,
  opsreadyExemptionsManagePermission,
  opsreadyEventsCreatePermission,
  opsreadyErrorsResolvePermission,
  opsreadyMaintenanceManagePermission,
  opsreadyCampaignsManagePermission,
];
