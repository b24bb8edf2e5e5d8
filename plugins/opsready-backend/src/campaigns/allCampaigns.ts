import { CampaignsStore, StoredCampaign, StoredCampaignState } from './types';

/** Campaigns read per page when all of some states are gone through. */
const PAGE = 100;

/**
 * Every campaign in these states, in the store's order (not ended first,
 * then by deadline). There are tens of campaigns, not thousands.
 */
export async function allCampaigns(
  store: Pick<CampaignsStore, 'listCampaigns'>,
  states: StoredCampaignState[],
): Promise<StoredCampaign[]> {
  const campaigns: StoredCampaign[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listCampaigns({ states, cursor, limit: PAGE });
    campaigns.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return campaigns;
}
