/**
 * OpsReady for Backstage: compliance, health, deployments and errors on every
 * entity, a fleet page, and campaigns that ask the fleet to reach a goal by
 * a deadline.
 *
 * This entry serves apps on the legacy frontend system; `./alpha` serves the
 * same components to apps on the new frontend system.
 *
 * @packageDocumentation
 */

export {
  opsreadyPlugin,
  EntityOpsReadyCard,
  EntityOpsReadyRollupCard,
  EntitySloCard,
  EntityComplianceContent,
  EntityDeploymentsContent,
  EntityErrorsContent,
  EntityOpsReadyCampaignItemsCard,
  OpsReadyPage,
} from './plugin';
export { ENTITY_TAB_PATHS } from './components/shared/entityTabLink';
export * from './api/OpsReadyApi';
export { OpsReadyClient } from './api/OpsReadyClient';
