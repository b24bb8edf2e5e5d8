import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { CampaignLaunchesStore } from './CampaignLaunchesStore';
import { DbTime } from './dbValues';
import { migratedClient } from './migrate';

/** A row of `opsready_campaign_launches`. */
interface LaunchRow {
  campaign_id: string;
  launched_at: DbTime;
}

/** The knex-backed record of told launches, on SQLite or PostgreSQL. */
export class DatabaseCampaignLaunchesStore implements CampaignLaunchesStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseCampaignLaunchesStore> {
    return new DatabaseCampaignLaunchesStore(
      await migratedClient(options.database),
    );
  }

  private constructor(private readonly db: Knex) {}

  async isLaunched(campaignId: string): Promise<boolean> {
    const row = await this.db<LaunchRow>('opsready_campaign_launches')
      .where('campaign_id', campaignId)
      .first('campaign_id');
    return row !== undefined;
  }

  async markLaunched(campaignId: string, at: Date): Promise<void> {
    await this.db<LaunchRow>('opsready_campaign_launches')
      .insert({ campaign_id: campaignId, launched_at: at })
      .onConflict('campaign_id')
      .ignore();
  }
}
