import { AuthService } from '@backstage/backend-plugin-api';
import {
  Entity,
  RELATION_DEPENDS_ON,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

/** What the notifier needs to know of an entity. */
export interface EntitySummary {
  ref: string;
  /** The title, else the name: what a person calls the service. */
  displayName: string;
  owners: string[];
  dependsOn: string[];
}

/** How long an entity's owners and dependencies are trusted. */
const TTL_MS = 60_000;
/** Refs per catalog request. */
const PAGE = 500;

function ownerFromSpec(specOwner: unknown): string[] {
  if (typeof specOwner !== 'string') return [];
  return [specOwner.includes(':') ? specOwner : `group:default/${specOwner}`];
}

function summarize(ref: string, entity: Entity | null): EntitySummary {
  if (!entity) {
    return { ref, displayName: ref, owners: [], dependsOn: [] };
  }
  const targets = (type: string) =>
    (entity.relations ?? [])
      .filter(r => r.type === type)
      .map(r => r.targetRef)
      .sort();
  const owners = targets(RELATION_OWNED_BY);
  const specOwner = (entity.spec as { owner?: unknown } | undefined)?.owner;
  return {
    ref,
    displayName: entity.metadata.title ?? entity.metadata.name,
    // The relation is the catalog's resolved ref; spec.owner is only a
    // fallback for an entity whose relations are not processed yet.
    owners: owners.length > 0 ? owners : ownerFromSpec(specOwner),
    dependsOn: targets(RELATION_DEPENDS_ON),
  };
}

/**
 * Entities as the notifier sees them, read from the catalog with the
 * plugin's own credentials in batches and kept for a minute: a fleet going
 * down at once asks once per few hundred entities, not once per endpoint.
 */
export class EntityDirectory {
  private readonly cache = new Map<
    string,
    { summary: EntitySummary; until: number }
  >();

  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      now?: () => number;
    },
  ) {}

  async get(ref: string): Promise<EntitySummary> {
    return (await this.getMany([ref])).get(ref)!;
  }

  async getMany(refs: string[]): Promise<Map<string, EntitySummary>> {
    const now = (this.deps.now ?? Date.now)();
    const out = new Map<string, EntitySummary>();
    const missing: string[] = [];
    for (const ref of new Set(refs)) {
      const hit = this.cache.get(ref);
      if (hit && hit.until > now) out.set(ref, hit.summary);
      else missing.push(ref);
    }
    if (missing.length === 0) return out;
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    for (let i = 0; i < missing.length; i += PAGE) {
      const page = missing.slice(i, i + PAGE);
      const { items } = await this.deps.catalog.getEntitiesByRefs(
        {
          entityRefs: page,
          fields: [
            'kind',
            'metadata.namespace',
            'metadata.name',
            'metadata.title',
            'spec.owner',
            'relations',
          ],
        },
        { credentials },
      );
      page.forEach((ref, index) => {
        const entity = items[index] ?? null;
        const summary = summarize(
          entity ? stringifyEntityRef(entity) : ref,
          entity,
        );
        this.cache.set(ref, { summary, until: now + TTL_MS });
        out.set(ref, summary);
      });
    }
    return out;
  }

  /** Whether a user entity of this ref is in the catalog. */
  async isUser(ref: string): Promise<boolean> {
    if (!ref.startsWith('user:')) return false;
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const { items } = await this.deps.catalog.getEntitiesByRefs(
      { entityRefs: [ref], fields: ['kind'] },
      { credentials },
    );
    return items[0] !== null && items[0] !== undefined;
  }
}
