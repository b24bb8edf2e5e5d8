export { EntityOpsReadyCampaignItemsCard } from './EntityOpsReadyCampaignItemsCard';
export { FleetCampaignItems } from './FleetCampaignItems';
