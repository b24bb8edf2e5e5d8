export { CampaignsTab } from './CampaignsTab';
export { EntityCampaignsCard } from './EntityCampaignsCard';
export {
  EntityOpsReadyCampaignItemsCard,
  FleetCampaignItems,
} from './TeamCampaignItems';
