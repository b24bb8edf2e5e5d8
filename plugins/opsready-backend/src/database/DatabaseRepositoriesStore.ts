import { DatabaseService } from '@backstage/backend-plugin-api';
import { RepositoryFacts } from '@opsready/plugin-opsready-node';
import { Knex } from 'knex';
import type { RepositoryLocation } from '../sources/repositoryLocation';
import { CHUNK, chunks, DbTime, optionalIso } from './dbValues';
import { migratedClient } from './migrate';
import {
  EntitySource,
  RepositoriesStore,
  RepositoryToCheck,
  StoredRepository,
} from './RepositoriesStore';

const REPOSITORIES = 'opsready_repositories';
const ENTITY_SOURCES = 'opsready_entity_sources';

interface RepositoryRow {
  url: string;
  host: string;
  repository: string;
  ref: string;
  etag: string | null;
  facts: string | null;
  read_at: DbTime | null;
  checked_at: DbTime | null;
  kept_because: string | null;
}

interface EntitySourceRow {
  entity_ref: string;
  entity_etag: string | null;
  repository_url: string | null;
  subpath: string;
}

const locationColumns = (location: RepositoryLocation) => ({
  url: location.url,
  host: location.host,
  repository: location.repository,
  ref: location.ref,
});

function toCheck(
  row: Pick<
    RepositoryRow,
    'url' | 'host' | 'repository' | 'ref' | 'etag' | 'checked_at'
  >,
): RepositoryToCheck {
  return {
    url: row.url,
    host: row.host,
    repository: row.repository,
    ref: row.ref,
    ...(row.etag ? { etag: row.etag } : {}),
    ...(row.checked_at ? { checkedAt: optionalIso(row.checked_at) } : {}),
  };
}

function toRepository(row: RepositoryRow): StoredRepository {
  return {
    ...toCheck(row),
    ...(row.facts ? { facts: JSON.parse(row.facts) } : {}),
    ...(row.read_at ? { readAt: optionalIso(row.read_at) } : {}),
    ...(row.kept_because ? { keptBecause: row.kept_because } : {}),
  };
}

/** The knex-backed store of repository facts, on SQLite or PostgreSQL. */
export class DatabaseRepositoriesStore implements RepositoriesStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseRepositoriesStore> {
    return new DatabaseRepositoriesStore(
      await migratedClient(options.database),
    );
  }

  private constructor(private readonly db: Knex) {}

  async getRepositories(
    urls: string[],
  ): Promise<Map<string, StoredRepository>> {
    const found = new Map<string, StoredRepository>();
    for (const chunk of chunks([...new Set(urls)], CHUNK)) {
      const rows = await this.db<RepositoryRow>(REPOSITORIES).whereIn(
        'url',
        chunk,
      );
      rows.forEach(row => found.set(row.url, toRepository(row)));
    }
    return found;
  }

  async saveRead(
    location: RepositoryLocation,
    read: { etag?: string; facts: RepositoryFacts },
    at: Date,
  ): Promise<void> {
    await this.db<RepositoryRow>(REPOSITORIES)
      .insert({
        ...locationColumns(location),
        etag: read.etag ?? null,
        facts: JSON.stringify(read.facts),
        read_at: at,
        checked_at: at,
        kept_because: null,
      })
      .onConflict('url')
      .merge();
  }

  async saveUnchanged(url: string, at: Date): Promise<void> {
    await this.db<RepositoryRow>(REPOSITORIES)
      .where({ url })
      .update({ checked_at: at, kept_because: null });
  }

  async saveKept(location: RepositoryLocation, reason: string): Promise<void> {
    // Bounded: a reason is a sentence, an error message at most a few lines.
    const keptBecause = reason.slice(0, 1000);
    await this.db<RepositoryRow>(REPOSITORIES)
      .insert({ ...locationColumns(location), kept_because: keptBecause })
      .onConflict('url')
      .merge(['kept_because']);
  }

  async listRepositoriesToCheck(): Promise<RepositoryToCheck[]> {
    const rows = await this.db<RepositoryRow>(REPOSITORIES)
      .select('url', 'host', 'repository', 'ref', 'etag', 'checked_at')
      .whereExists(
        this.db(ENTITY_SOURCES)
          .select(this.db.raw('1'))
          .whereRaw(`${ENTITY_SOURCES}.repository_url = ${REPOSITORIES}.url`),
      )
      // Never confirmed first, on both databases (PostgreSQL sorts nulls
      // last in ascending order, SQLite first).
      .orderByRaw('case when checked_at is null then 0 else 1 end')
      .orderBy('checked_at', 'asc')
      .orderBy('url', 'asc');
    return rows.map(toCheck);
  }

  async findRepositories(
    host: string,
    repository: string,
  ): Promise<RepositoryToCheck[]> {
    const rows = await this.db<RepositoryRow>(REPOSITORIES)
      .select('url', 'host', 'repository', 'ref', 'etag', 'checked_at')
      .where({ host, repository });
    return rows.map(toCheck);
  }

  async saveEntitySources(sources: EntitySource[]): Promise<void> {
    const bySource = new Map(sources.map(s => [s.entityRef, s]));
    const locations = new Map(
      sources.flatMap(s =>
        s.repository ? [[s.repository.url, s.repository]] : [],
      ),
    );
    for (const chunk of chunks([...locations.values()], CHUNK)) {
      await this.db<RepositoryRow>(REPOSITORIES)
        .insert(chunk.map(locationColumns))
        .onConflict('url')
        .ignore();
    }
    const rows: EntitySourceRow[] = [...bySource.values()].map(s => ({
      entity_ref: s.entityRef,
      entity_etag: s.entityEtag ?? null,
      repository_url: s.repository?.url ?? null,
      subpath: s.repository?.subpath ?? '',
    }));
    for (const chunk of chunks(rows, CHUNK)) {
      await this.db<EntitySourceRow>(ENTITY_SOURCES)
        .insert(chunk)
        .onConflict('entity_ref')
        .merge();
    }
  }

  async getEntityEtags(
    entityRefs: string[],
  ): Promise<Map<string, string | undefined>> {
    const etags = new Map<string, string | undefined>();
    for (const chunk of chunks([...new Set(entityRefs)], CHUNK)) {
      const rows = await this.db<EntitySourceRow>(ENTITY_SOURCES)
        .select('entity_ref', 'entity_etag')
        .whereIn('entity_ref', chunk);
      rows.forEach(row =>
        etags.set(row.entity_ref, row.entity_etag ?? undefined),
      );
    }
    return etags;
  }

  async entitiesOfRepositories(urls: string[]): Promise<Map<string, string[]>> {
    const entities = new Map<string, string[]>();
    for (const chunk of chunks([...new Set(urls)], CHUNK)) {
      const rows = await this.db<EntitySourceRow>(ENTITY_SOURCES)
        .select('entity_ref', 'repository_url')
        .whereIn('repository_url', chunk)
        .orderBy('entity_ref');
      for (const row of rows) {
        const url = row.repository_url!;
        const refs = entities.get(url);
        if (refs) {
          refs.push(row.entity_ref);
        } else {
          entities.set(url, [row.entity_ref]);
        }
      }
    }
    return entities;
  }

  async deleteEntities(entityRefs: string[]): Promise<void> {
    for (const chunk of chunks(entityRefs, CHUNK)) {
      await this.db(ENTITY_SOURCES).whereIn('entity_ref', chunk).delete();
    }
    if (entityRefs.length > 0) {
      await this.db(REPOSITORIES)
        .whereNotExists(
          this.db(ENTITY_SOURCES)
            .select(this.db.raw('1'))
            .whereRaw(`${ENTITY_SOURCES}.repository_url = ${REPOSITORIES}.url`),
        )
        .delete();
    }
  }
}
