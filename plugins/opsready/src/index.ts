/**
 * OpsReady for Backstage: compliance, health, deployments and errors on every
 * entity, and a fleet page.
 *
 * This entry serves apps on the legacy frontend system; `./alpha` serves the
 * same components to apps on the new frontend system.
 *
 * @packageDocumentation
 */

export { opsreadyPlugin, EntityOpsReadyCard } from './plugin';
export { opsreadyApiRef, type OpsReadyApi } from './api/OpsReadyApi';
export { OpsReadyClient } from './api/OpsReadyClient';
