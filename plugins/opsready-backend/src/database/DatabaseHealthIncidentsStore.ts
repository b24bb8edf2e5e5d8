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

/**
 * The entities of some endpoints, by environment. Endpoints are looked up
 * one environment at a time by a list of entities, which the databases
 * find in the index; a list of (entity, environment) pairs, OR-ed,
 * PostgreSQL tests row by row: 4.7 s for the 10,000 members of one outage.
 */
function byEnvironment(
  endpoints: Array<{ entityRef: string; environment: string }>,
): Map<string, string[]> {
  const out = new Map<string, Set<string>>();
  for (const { entityRef, environment } of endpoints) {
    const refs = out.get(environment) ?? new Set<string>();
    refs.add(entityRef);
    out.set(environment, refs);
  }
  return new Map(
    [...out].map(([environment, refs]) => [environment, [...refs]]),
  );
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
    for (const [environment, refs] of byEnvironment(endpoints)) {
      for (const batch of chunks(refs, CHUNK)) {
        const rows: MemberRow[] = await this.db(MEMBERS)
          .join(INCIDENTS, `${INCIDENTS}.id`, `${MEMBERS}.incident_id`)
          .whereNull(`${INCIDENTS}.resolved_at`)
          .where(`${MEMBERS}.environment`, environment)
          .whereIn(`${MEMBERS}.entity_ref`, batch)
          .select(`${MEMBERS}.*`);
        rows.forEach(r =>
          ids.set(
            endpointKey(r.entity_ref, r.environment),
            String(r.incident_id),
          ),
        );
      }
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
    const endpoints = roots.map(r => ({
      entityRef: r.rootRef,
      environment: r.environment,
    }));
    for (const [environment, refs] of byEnvironment(endpoints)) {
      for (const batch of chunks(refs, CHUNK)) {
        const rows: IncidentRow[] = await this.db(INCIDENTS)
          .whereNull('resolved_at')
          .where('environment', environment)
          .whereIn('root_ref', batch)
          .select('id');
        ids.push(...rows.map(r => String(r.id)));
      }
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
    for (const [environment, refs] of byEnvironment(endpoints)) {
      for (const batch of chunks(refs, CHUNK)) {
        await this.db(MEMBERS)
          .whereIn(
            'incident_id',
            this.db(INCIDENTS).whereNull('resolved_at').select('id'),
          )
          .where('environment', environment)
          .whereIn('entity_ref', batch)
          .delete();
      }
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
