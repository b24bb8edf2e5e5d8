import { registerCampaignActions } from './campaignActions';
import { registerEntityActions } from './entityActions';
import { registerRollupActions } from './rollupActions';
import { registerSloActions } from './sloActions';
import type { OpsReadyActionsDeps } from './types';

/**
 * Registers OpsReady's actions with Backstage's actions registry, for
 * AI assistants (through the MCP actions backend) and other automation:
 * `list-campaigns`, `get-campaign-status`, `get-entity-campaign-items`,
 * `get-entity-compliance`, `check-deployment-gate`,
 * `get-entity-service-level` and `get-org-rollup`. All of them only
 * read; what they read of an entity is what the caller may read.
 */
export function registerOpsReadyActions(deps: OpsReadyActionsDeps): void {
  registerCampaignActions(deps);
  registerEntityActions(deps);
  registerSloActions(deps);
  registerRollupActions(deps);
}
