import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, parseEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { normalizeEntityRef } from '@opsready/plugin-opsready-common';
import { chunks } from '../database/dbValues';

/** The kinds a roll-up covers: the ones OpsReady scores. */
export const MEMBER_KINDS = ['Component', 'API', 'Resource'];

/** An entity of the org as the roll-ups see it: its ref, title and links. */
export interface OrgEntity {
  /** Normalized (lowercase) entity ref. */
  ref: string;
  /** metadata.title, or the name. */
  title: string;
  /** The kind, lowercase. */
  kind: string;
  /** Targets of its relations, by relation type (lowercase), normalized. */
  related: Map<string, string[]>;
}

// Only what the roll-ups read: the relations carry owner, parent, children,
// system and domain, as the catalog's processors derived them from the spec.
const FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.title',
  'relations',
];
const PAGE_SIZE = 500;
// Refs per filter: the catalog client sends filters in the query string.
const REFS_PER_FILTER = 100;

/** Reads entities of the catalog with the caller's credentials. */
export class OrgEntities {
  constructor(
    private readonly catalog: Pick<CatalogService, 'streamEntities'>,
    private readonly credentials: BackstageCredentials,
  ) {}

  /** Every entity of these kinds the caller may see. */
  async ofKinds(kinds: string[]): Promise<OrgEntity[]> {
    return this.stream({ kind: kinds });
  }

  /**
   * The entities of these kinds with a relation of this type to any of the
   * targets, e.g. the components owned by a set of groups.
   */
  async related(
    kinds: string[],
    relation: string,
    targets: string[],
  ): Promise<OrgEntity[]> {
    const found = new Map<string, OrgEntity>();
    for (const batch of chunks([...new Set(targets)], REFS_PER_FILTER)) {
      // One filter per kind, any of which matches: each names a single kind
      // and the targets, which every catalog client reads alike.
      for (const entity of await this.stream(
        kinds.map(kind => ({ kind, [`relations.${relation}`]: batch })),
      )) {
        found.set(entity.ref, entity);
      }
    }
    return [...found.values()];
  }

  private async stream(
    filter:
      | Record<string, string | string[]>
      | Record<string, string | string[]>[],
  ) {
    const entities: OrgEntity[] = [];
    for await (const page of this.catalog.streamEntities(
      { filter, fields: FIELDS, pageSize: PAGE_SIZE },
      { credentials: this.credentials },
    )) {
      entities.push(...page.map(toOrgEntity));
    }
    return entities;
  }
}

export function toOrgEntity(entity: Entity): OrgEntity {
  const related = new Map<string, string[]>();
  for (const relation of entity.relations ?? []) {
    const target = normalizedOrUndefined(relation.targetRef);
    if (!target) continue;
    const type = relation.type.toLocaleLowerCase('en-US');
    const targets = related.get(type) ?? [];
    targets.push(target);
    related.set(type, targets);
  }
  return {
    ref: normalizeEntityRef(entity),
    title: entity.metadata.title ?? entity.metadata.name,
    kind: entity.kind.toLocaleLowerCase('en-US'),
    related,
  };
}

/** The targets of a relation type that are of a kind. */
export function relatedOfKind(
  entity: OrgEntity,
  relation: string,
  kind: string,
): string[] {
  return (entity.related.get(relation) ?? []).filter(ref =>
    ref.startsWith(`${kind}:`),
  );
}

// A malformed target in bad catalog data leaves that one link out, not the
// whole roll-up.
function normalizedOrUndefined(ref: string): string | undefined {
  try {
    parseEntityRef(ref);
    return normalizeEntityRef(ref);
  } catch {
    return undefined;
  }
}
