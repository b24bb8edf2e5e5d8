import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { CHUNK, chunks, DbTime, iso, optionalIso } from './dbValues';
import {
  endpointKey,
  HealthIncident,
  HealthIncidentsStore,
  IncidentMember,
} from './HealthIncidentsStore';
import { migratedClient } from './migrate';

const INCIDENTS = 'opsready_health_incidents';
const MEMBERS = 'opsready_health_incident_members';

interface IncidentRow {
  id: number | string;
  root_ref: string;
  environment: string;
  opened_at: DbTime;
  resolved_at: DbTime | null;
}

interface MemberRow {
  incident_id: number | string;
  entity_ref: string;
  environment: string;
  url: string;
  down_since: DbTime;
}

/** HealthIncidentsStore on the plugin's database. */
export class DatabaseHealthIncidentsStore implements HealthIncidentsStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseHealthIncidentsStore> {
    return new DatabaseHealthIncidentsStore(
      await migratedClient(options.database),
    );
  }

  private constructor(private readonly db: Knex) {}

  async openIncidentsOf(
    endpoints: Array<{ entityRef: string; environment: string }>,
  ): Promise<Map<string, HealthIncident>> {
    const ids = new Map<string, string>();
    for (const batch of chunks(endpoints, CHUNK)) {
      const rows: MemberRow[] = await this.db(MEMBERS)
        .join(INCIDENTS, `${INCIDENTS}.id`, `${MEMBERS}.incident_id`)
        .whereNull(`${INCIDENTS}.resolved_at`)
        .where(q => {
          for (const e of batch) {
            q.orWhere(w =>
              w
                .where(`${MEMBERS}.entity_ref`, e.entityRef)
                .where(`${MEMBERS}.environment`, e.environment),
            );
          }
        })
        .select(`${MEMBERS}.*`);
      rows.forEach(r =>
        ids.set(
          endpointKey(r.entity_ref, r.environment),
          String(r.incident_id),
        ),
      );
    }
    const incidents = await this.load([...new Set(ids.values())]);
    const out = new Map<string, HealthIncident>();
    for (const [key, id] of ids) out.set(key, incidents.get(id)!);
    return out;
  }

  async openIncidentsByRoot(
    roots: Array<{ rootRef: string; environment: string }>,
  ): Promise<Map<string, HealthIncident>> {
    const ids: string[] = [];
    for (const batch of chunks(roots, CHUNK)) {
      const rows: IncidentRow[] = await this.db(INCIDENTS)
        .whereNull('resolved_at')
        .where(q => {
          for (const r of batch) {
            q.orWhere(w =>
              w
                .where('root_ref', r.rootRef)
                .where('environment', r.environment),
            );
          }
        })
        .select('id');
      ids.push(...rows.map(r => String(r.id)));
    }
    const incidents = await this.load(ids);
    return new Map(
      [...incidents.values()].map(i => [
        endpointKey(i.rootRef, i.environment),
        i,
      ]),
    );
  }

  async open(
    root: { rootRef: string; environment: string; openedAt: Date },
    members: IncidentMember[],
  ): Promise<HealthIncident> {
    const [row] = await this.db(INCIDENTS)
      .insert({
        root_ref: root.rootRef,
        environment: root.environment,
        opened_at: root.openedAt,
      })
      .returning('id');
    const id = String(typeof row === 'object' ? row.id : row);
    await this.addMembers(id, members);
    return (await this.get(id))!;
  }

  async addMembers(incidentId: string, members: IncidentMember[]) {
    for (const batch of chunks(members, CHUNK)) {
      await this.db(MEMBERS)
        .insert(
          batch.map(m => ({
            incident_id: Number(incidentId),
            entity_ref: m.entityRef,
            environment: m.environment,
            url: m.url.slice(0, 1000),
            down_since: new Date(m.downSince),
          })),
        )
        .onConflict(['incident_id', 'entity_ref', 'environment'])
        .ignore();
    }
  }

  async removeMembers(
    endpoints: Array<{ entityRef: string; environment: string }>,
  ): Promise<void> {
    for (const batch of chunks(endpoints, CHUNK)) {
      await this.db(MEMBERS)
        .whereIn(
          'incident_id',
          this.db(INCIDENTS).whereNull('resolved_at').select('id'),
        )
        .where(q => {
          for (const e of batch) {
            q.orWhere(w =>
              w
                .where('entity_ref', e.entityRef)
                .where('environment', e.environment),
            );
          }
        })
        .delete();
    }
  }

  async resolve(incidentId: string, at: Date): Promise<void> {
    await this.db.transaction(async tx => {
      await tx(INCIDENTS)
        .where('id', Number(incidentId))
        .update({ resolved_at: at });
      await tx(MEMBERS).where('incident_id', Number(incidentId)).delete();
    });
  }

  async get(incidentId: string): Promise<HealthIncident | undefined> {
    return (await this.load([incidentId])).get(incidentId);
  }

  async openBefore(before: Date, limit: number): Promise<HealthIncident[]> {
    const rows: IncidentRow[] = await this.db(INCIDENTS)
      .whereNull('resolved_at')
      .where('opened_at', '<', before)
      .orderBy(['opened_at', 'id'])
      .limit(limit)
      .select('id');
    const ids = rows.map(r => String(r.id));
    const incidents = await this.load(ids);
    return ids.map(id => incidents.get(id)!);
  }

  private async load(ids: string[]): Promise<Map<string, HealthIncident>> {
    const out = new Map<string, HealthIncident>();
    for (const batch of chunks(ids, CHUNK)) {
      const numeric = batch.map(Number);
      const [incidents, members]: [IncidentRow[], MemberRow[]] =
        await Promise.all([
          this.db(INCIDENTS).whereIn('id', numeric),
          this.db(MEMBERS)
            .whereIn('incident_id', numeric)
            .orderBy(['down_since', 'entity_ref', 'environment']),
        ]);
      for (const row of incidents) {
        out.set(String(row.id), {
          id: String(row.id),
          rootRef: row.root_ref,
          environment: row.environment,
          openedAt: iso(row.opened_at),
          resolvedAt: optionalIso(row.resolved_at),
          members: [],
        });
      }
      for (const m of members) {
        out.get(String(m.incident_id))?.members.push({
          entityRef: m.entity_ref,
          environment: m.environment,
          url: m.url,
          downSince: iso(m.down_since),
        });
      }
    }
    return out;
  }
}
