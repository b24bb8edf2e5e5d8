import { DatabaseService } from '@backstage/backend-plugin-api';
import { ProvisionedEventInput } from '@opsready/plugin-opsready-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { DbTime, iso } from './dbValues';
import { migratedClient } from './migrate';
import {
  ProvisionedEvent,
  ProvisionedEventsStore,
} from './ProvisionedEventsStore';

const TABLE = 'opsready_provisioned_events';

/** A row of `opsready_provisioned_events`. */
interface ProvisionedEventRow {
  id: string;
  entity_ref: string;
  template_name: string;
  template_version: string | null;
  repo_url: string | null;
  actor: string | null;
  at: DbTime;
}

function toProvisionedEvent(row: ProvisionedEventRow): ProvisionedEvent {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    at: iso(row.at),
    templateName: row.template_name,
    ...(row.template_version ? { templateVersion: row.template_version } : {}),
    ...(row.repo_url ? { repoUrl: row.repo_url } : {}),
    ...(row.actor ? { actor: row.actor } : {}),
  };
}

/** The knex-backed store of provisioned events, on SQLite or PostgreSQL. */
export class DatabaseProvisionedEventsStore implements ProvisionedEventsStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseProvisionedEventsStore> {
    return new DatabaseProvisionedEventsStore(
      await migratedClient(options.database),
    );
  }

  private constructor(private readonly db: Knex) {}

  async addProvisioned(
    entityRef: string,
    input: ProvisionedEventInput,
    at: Date,
  ): Promise<ProvisionedEvent> {
    const row: ProvisionedEventRow = {
      id: randomUUID(),
      entity_ref: entityRef,
      template_name: input.templateName,
      template_version: input.templateVersion ?? null,
      repo_url: input.repoUrl ?? null,
      actor: input.actor ?? null,
      at,
    };
    await this.db(TABLE).insert(row);
    return { id: row.id, entityRef, at: at.toISOString(), ...input };
  }

  async provisionedBetween(
    entityRef: string,
    range: { from: Date; to: Date },
  ): Promise<ProvisionedEvent[]> {
    const rows: ProvisionedEventRow[] = await this.db(TABLE)
      .where('entity_ref', entityRef)
      .whereBetween('at', [range.from, range.to])
      .orderBy([{ column: 'at' }, { column: 'id' }]);
    return rows.map(toProvisionedEvent);
  }
}
