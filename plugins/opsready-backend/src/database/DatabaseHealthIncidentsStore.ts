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

function memberRow(incidentId: string, m: IncidentMember) {
  return {
    incident_id: Number(incidentId),
    entity_ref: m.entityRef,
    environment: m.environment,
    url: m.url.slice(0, 1000),
    down_since: new Date(m.downSince),
  };
}

/** Adds member rows; a member already in its incident is kept as it is. */
async function insertMembers(
  db: Knex,
  rows: Array<ReturnType<typeof memberRow>>,
): Promise<void> {
  for (const batch of chunks(rows, CHUNK)) {
    await db(MEMBERS)
      .insert(batch)
      .onConflict(['incident_id', 'entity_ref', 'environment'])
      .ignore();
  }
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
    const [incident] = await this.openMany([{ ...root, members }]);
    return incident;
  }

  async openMany(
    openings: Array<{
      rootRef: string;
      environment: string;
      openedAt: Date;
      members: IncidentMember[];
    }>,
  ): Promise<HealthIncident[]> {
    if (openings.length === 0) return [];
    const keys = openings.map(o => endpointKey(o.rootRef, o.environment));
    if (new Set(keys).size < keys.length) {
      throw new Error('Cannot open two incidents of one root cause at once');
    }
    const ids = new Map<string, string>();
    await this.db.transaction(async tx => {
      for (const batch of chunks(openings, CHUNK)) {
        // Matched back by root cause: neither database promises to return
        // the rows of a multi-row insert in the order of its values.
        const rows: Array<
          Pick<IncidentRow, 'id' | 'root_ref' | 'environment'>
        > = await tx(INCIDENTS)
          .insert(
            batch.map(o => ({
              root_ref: o.rootRef,
              environment: o.environment,
              opened_at: o.openedAt,
            })),
          )
          .returning(['id', 'root_ref', 'environment']);
        rows.forEach(r =>
          ids.set(endpointKey(r.root_ref, r.environment), String(r.id)),
        );
      }
      const members = openings.flatMap(o =>
        o.members.map(m =>
          memberRow(ids.get(endpointKey(o.rootRef, o.environment))!, m),
        ),
      );
      await insertMembers(tx, members);
    });
    const incidents = await this.load([...ids.values()]);
    return keys.map(key => incidents.get(ids.get(key)!)!);
  }

  async addMembers(incidentId: string, members: IncidentMember[]) {
    await insertMembers(
      this.db,
      members.map(m => memberRow(incidentId, m)),
    );
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
    await this.resolveMany([{ incidentId, at }]);
  }

  async resolveMany(
    resolutions: Array<{ incidentId: string; at: Date }>,
  ): Promise<void> {
    if (resolutions.length === 0) return;
    // One transaction: a commit per incident is what made a fleet's
    // recovery slow, not the statements.
    await this.db.transaction(async tx => {
      for (const { incidentId, at } of resolutions) {
        await tx(INCIDENTS)
          .where('id', Number(incidentId))
          .update({ resolved_at: at });
      }
      for (const batch of chunks(resolutions, CHUNK)) {
        await tx(MEMBERS)
          .whereIn(
            'incident_id',
            batch.map(r => Number(r.incidentId)),
          )
          .delete();
      }
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
