import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { normalizeEntityRef } from '@opsready/plugin-opsready-common';

/** How long the system an entity belongs to is remembered. */
const DEFAULT_TTL_MS = 60_000;
/** Entities remembered at most; the oldest go first. */
const MAX_ENTRIES = 5_000;

/**
 * The System an entity belongs to (`spec.system`), read from the catalog
 * with the plugin's own credentials: the notifier asks on behalf of nobody,
 * and a system window applies whoever looks. Answers are kept a minute, so
 * that a burst of notifications for one entity reads the catalog once.
 */
export class SystemLookup {
  private readonly known = new Map<
    string,
    { system: string | undefined; expires: number }
  >();

  constructor(
    private readonly deps: {
      catalog: Pick<CatalogService, 'getEntityByRef'>;
      auth: Pick<AuthService, 'getOwnServiceCredentials'>;
      logger?: LoggerService;
      ttlMs?: number;
      now?: () => number;
    },
  ) {}

  /** The normalized ref of the entity's system, if it names one. */
  async systemOf(entityRef: string): Promise<string | undefined> {
    const now = this.deps.now?.() ?? Date.now();
    const cached = this.known.get(entityRef);
    if (cached && cached.expires > now) {
      return cached.system;
    }
    let system: string | undefined;
    try {
      system = await this.read(entityRef);
    } catch (error) {
      // Not remembered: the next question asks the catalog again.
      this.deps.logger?.warn(
        `Could not read the system of ${entityRef} from the catalog; only its own maintenance windows apply: ${error}`,
      );
      return undefined;
    }
    this.known.delete(entityRef);
    if (this.known.size >= MAX_ENTRIES) {
      this.known.delete(this.known.keys().next().value!);
    }
    this.known.set(entityRef, {
      system,
      expires: now + (this.deps.ttlMs ?? DEFAULT_TTL_MS),
    });
    return system;
  }

  private async read(entityRef: string): Promise<string | undefined> {
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const entity = await this.deps.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    const system = entity?.spec?.system;
    if (typeof system !== 'string' || !system) {
      return undefined;
    }
    try {
      return normalizeEntityRef(system, {
        defaultKind: 'system',
        defaultNamespace: entity!.metadata.namespace ?? 'default',
      });
    } catch {
      return undefined;
    }
  }
}
