import { RepositoryFacts } from '@opsready/plugin-opsready-node';
import type { RepositoryLocation } from '../sources/repositoryLocation';

/** A repository at a ref, as the hosts last answered for it. */
export interface StoredRepository {
  url: string;
  host: string;
  repository: string;
  ref: string;
  /** What the URL reader returned with the facts: the next read's condition. */
  etag?: string;
  /** The whole repository's paths and files of interest; absent until read. */
  facts?: RepositoryFacts;
  /** When the facts were read. */
  readAt?: string;
  /** The last time the host confirmed them (read, or answered "not modified"). */
  checkedAt?: string;
  /** Why the latest attempt did not renew them (budget spent, read failed). */
  keptBecause?: string;
}

/** Where a component lives, and the catalog etag it was last evaluated at. */
export interface EntitySource {
  entityRef: string;
  entityEtag?: string;
  /** Absent for a component whose sources are not in a repository read by URL. */
  repository?: RepositoryLocation;
}

/** A repository whose facts a sweep asks about. */
export type RepositoryToCheck = Pick<
  StoredRepository,
  'url' | 'host' | 'repository' | 'ref' | 'etag' | 'checkedAt'
>;

/**
 * The facts of each repository and which components live in it: what lets
 * a sweep read each repository once, conditionally, and a push re-read one.
 */
export interface RepositoriesStore {
  getRepositories(urls: string[]): Promise<Map<string, StoredRepository>>;
  /** New facts: replaces what was kept, and clears any reason it was kept. */
  saveRead(
    repository: RepositoryLocation,
    read: { etag?: string; facts: RepositoryFacts },
    at: Date,
  ): Promise<void>;
  /** The host confirmed the kept facts. */
  saveUnchanged(url: string, at: Date): Promise<void>;
  /** The facts could not be renewed: they stay, with the reason. */
  saveKept(repository: RepositoryLocation, reason: string): Promise<void>;
  /**
   * Repositories with at least one component, those never confirmed first,
   * then those confirmed longest ago: a sweep that runs out of budget has
   * read the stalest ones.
   */
  listRepositoriesToCheck(): Promise<RepositoryToCheck[]>;
  /** The repositories named `repository` on `host` (any ref). */
  findRepositories(
    host: string,
    repository: string,
  ): Promise<RepositoryToCheck[]>;

  /** Records where each component lives (and the etag it was evaluated at). */
  saveEntitySources(sources: EntitySource[]): Promise<void>;
  /** The etag each component was last evaluated at; absent if never. */
  getEntityEtags(
    entityRefs: string[],
  ): Promise<Map<string, string | undefined>>;
  /** The components living in each repository. */
  entitiesOfRepositories(urls: string[]): Promise<Map<string, string[]>>;
  /** Forgets components that left the catalog, and repositories left empty. */
  deleteEntities(entityRefs: string[]): Promise<void>;
}
