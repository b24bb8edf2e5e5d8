import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

export interface CallerEntityReaderOptions {
  /** How long a read serves the same caller again. */
  ttlMs?: number;
  /** Reads kept at most; the oldest go first. */
  maxEntries?: number;
  now?: () => number;
}

/**
 * A few seconds: the requests of one entity page and a user paging through
 * a list share one read, and a permission taken away or an entity removed
 * counts within that long.
 */
const DEFAULT_TTL_MS = 5_000;
const DEFAULT_MAX_ENTRIES = 2_000;

/** Who asks, as far as what the catalog lets them see can differ. */
function callerKey(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
    accessRestrictions?: unknown;
  };
  switch (principal.type) {
    case 'user':
      return `user:${principal.userEntityRef}`;
    case 'service':
      return `service:${principal.subject}:${JSON.stringify(
        principal.accessRestrictions ?? null,
      )}`;
    default:
      return principal.type;
  }
}

/**
 * Reads entities from the catalog with the caller's credentials, so that a
 * caller who may not see an entity does not see its OpsReady data either.
 *
 * An entity page asks for a handful of OpsReady routes at once, each of
 * which needs the entity: one catalog read (a request to the catalog, its
 * permission check, its query) serves them all, and the same caller for a
 * few seconds after. Each caller has reads of their own. A read that fails
 * or finds nothing is not kept.
 */
export class CallerEntityReader {
  private readonly reads = new Map<
    string,
    { expires: number; entity: Promise<Entity | undefined> }
  >();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(
    private readonly catalog: CatalogService,
    options: CallerEntityReaderOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    this.maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
    this.now = options.now ?? Date.now;
  }

  /**
   * The entity as the caller may see it, or undefined. `fresh` reads it
   * anew, for work that must see the entity as it is now (a refresh).
   */
  read(
    entityRef: string,
    credentials: BackstageCredentials,
    options: { fresh?: boolean } = {},
  ): Promise<Entity | undefined> {
    const key = `${callerKey(credentials)}\n${entityRef.toLocaleLowerCase(
      'en-US',
    )}`;
    const now = this.now();
    const known = this.reads.get(key);
    if (known && known.expires > now && !options.fresh) return known.entity;

    const entity = this.catalog.getEntityByRef(entityRef, { credentials });
    this.reads.delete(key);
    this.reads.set(key, { expires: now + this.ttlMs, entity });
    // What is not found is asked again: an entity the scaffolder just
    // registered shows up as soon as the catalog has it.
    const forget = () => {
      if (this.reads.get(key)?.entity === entity) this.reads.delete(key);
    };
    entity.then(found => found || forget(), forget);
    this.evict(now);
    return entity;
  }

  /** Drops what expired, then the oldest past the limit (the map keeps insertion order). */
  private evict(now: number) {
    for (const [key, read] of this.reads) {
      if (this.reads.size <= this.maxEntries && read.expires > now) break;
      this.reads.delete(key);
    }
  }
}
