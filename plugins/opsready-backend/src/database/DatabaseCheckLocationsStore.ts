import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { CHUNK, chunks, DbTime, iso } from './dbValues';
import { migratedClient } from './migrate';
import { CheckLocationsStore, KeptCheckLocation } from './CheckLocationsStore';

const TABLE = 'opsready_check_locations';

interface CheckLocationRow {
  target: string;
  etag: string | null;
  text: string;
  read_at: DbTime;
}

/** The last good text of each check location, in the plugin's database. */
export class DatabaseCheckLocationsStore implements CheckLocationsStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseCheckLocationsStore> {
    return new DatabaseCheckLocationsStore(
      await migratedClient(options.database),
    );
  }

  private constructor(private readonly db: Knex) {}

  async getMany(targets: string[]): Promise<KeptCheckLocation[]> {
    const rows: CheckLocationRow[] = [];
    for (const chunk of chunks(targets, CHUNK)) {
      rows.push(
        ...(await this.db<CheckLocationRow>(TABLE).whereIn('target', chunk)),
      );
    }
    return rows.map(row => ({
      target: row.target,
      ...(row.etag ? { etag: row.etag } : {}),
      text: row.text,
      readAt: iso(row.read_at),
    }));
  }

  async keep(location: KeptCheckLocation): Promise<void> {
    await this.db<CheckLocationRow>(TABLE)
      .insert({
        target: location.target,
        etag: location.etag ?? null,
        text: location.text,
        read_at: new Date(location.readAt),
      })
      .onConflict('target')
      .merge();
  }
}
