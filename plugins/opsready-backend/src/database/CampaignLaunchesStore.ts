/** Which campaigns' launches were told (campaign.launched published). */
export interface CampaignLaunchesStore {
  isLaunched(campaignId: string): Promise<boolean>;
  /** Keeps the first time; marking again changes nothing. */
  markLaunched(campaignId: string, at: Date): Promise<void>;
}
