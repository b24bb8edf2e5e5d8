/*
 * Which entities a campaign asks: the exact rule (matchesScope), and a
 * catalog filter that reads a superset of them in few pages.
 */
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, parseEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CampaignScope,
  normalizeEntityRef,
} from '@opsready/plugin-opsready-common';
import { appliesToEntity } from '@opsready/plugin-opsready-node';
import { ownerRefOf } from '../lib/entityRefs';

type StreamRequest = NonNullable<
  Parameters<CatalogService['streamEntities']>[0]
>;
/** The catalog's key-value filter (an array is any of its objects). */
export type EntityFilterQuery = NonNullable<StreamRequest['filter']>;

/**
 * The kinds an empty scope means: those the scheduled evaluation covers.
 * An entity of another kind has no results to judge a goal by.
 */
export const EVALUATED_KINDS = ['Component'];

/** What matchesScope and the campaign rows read of an entity. */
export const SCOPE_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.tags',
  'metadata.annotations',
  'spec.type',
  'spec.lifecycle',
  'spec.owner',
  'spec.system',
  'relations',
];

/**
 * The catalog indexes values of at most this many characters; a longer
 * annotation value cannot be filtered on, only checked afterwards.
 */
const MAX_INDEXED_VALUE = 200;

const nonEmpty = (values: string[] | undefined): values is string[] =>
  !!values && values.length > 0;

/** An owner as a scope names it, as a full ref; undefined if it is none. */
function ownerRef(value: string): string | undefined {
  try {
    return normalizeEntityRef(value, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
  } catch {
    return undefined;
  }
}

/**
 * A system as a scope names it: a bare name matches a system of that name
 * in any namespace; anything else is a ref (kind system, namespace default
 * unless given).
 */
type SystemWanted = { name: string } | { ref: string };

function systemWanted(value: string): SystemWanted | undefined {
  if (!value.includes(':') && !value.includes('/')) {
    return { name: value.toLocaleLowerCase('en-US') };
  }
  try {
    return {
      ref: normalizeEntityRef(value, {
        defaultKind: 'system',
        defaultNamespace: 'default',
      }),
    };
  } catch {
    return undefined;
  }
}

/** The entity's system (`spec.system`) as a full ref, if it names one. */
function systemOf(entity: Entity): string | undefined {
  const system = entity.spec?.system;
  if (typeof system !== 'string' || system.trim() === '') return undefined;
  try {
    return normalizeEntityRef(system, {
      defaultKind: 'system',
      defaultNamespace: entity.metadata.namespace ?? 'default',
    });
  } catch {
    return undefined;
  }
}

/** `key` (present) or `key=value`, split at the first `=`. */
function annotationWanted(value: string): { key: string; value?: string } {
  const at = value.indexOf('=');
  return at < 0
    ? { key: value }
    : { key: value.slice(0, at), value: value.slice(at + 1) };
}

function annotationsMatch(wanted: string[], entity: Entity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return wanted
    .map(annotationWanted)
    .some(({ key, value }) =>
      value === undefined
        ? Object.prototype.hasOwnProperty.call(annotations, key)
        : annotations[key] === value,
    );
}

function ownersMatch(wanted: string[], entity: Entity): boolean {
  const owner = ownerRefOf(entity);
  return !!owner && wanted.some(value => ownerRef(value) === owner);
}

function systemsMatch(wanted: string[], entity: Entity): boolean {
  const system = systemOf(entity);
  if (!system) return false;
  const { name } = parseEntityRef(system);
  return wanted.map(systemWanted).some(w => {
    if (!w) return false;
    return 'name' in w ? w.name === name : w.ref === system;
  });
}

/**
 * Whether a campaign's scope has the entity: every field the scope fills
 * matches (each field any of its values). Kinds, types, lifecycles and
 * tags compare ignoring case, as the checks' own scopes do; owners compare
 * as full refs, however the entity's YAML writes its owner.
 */
export function matchesScope(entity: Entity, scope: CampaignScope): boolean {
  const kinds = nonEmpty(scope.kinds) ? scope.kinds : EVALUATED_KINDS;
  if (
    !appliesToEntity(
      {
        kinds,
        types: scope.types,
        lifecycles: scope.lifecycles,
        tags: scope.tags,
      },
      entity,
    )
  ) {
    return false;
  }
  if (nonEmpty(scope.owners) && !ownersMatch(scope.owners, entity)) {
    return false;
  }
  if (nonEmpty(scope.systems) && !systemsMatch(scope.systems, entity)) {
    return false;
  }
  if (
    nonEmpty(scope.annotations) &&
    !annotationsMatch(scope.annotations, entity)
  ) {
    return false;
  }
  return true;
}

/**
 * A catalog filter selecting at least every entity of the scope, so that
 * reading it takes few pages. It is a superset: what the catalog cannot
 * express (a system named without its namespace, an annotation that needs
 * only be present, a value too long to be indexed) is left out of it, so
 * what it reads is always checked again with matchesScope.
 */
export function scopeCatalogFilter(scope: CampaignScope): EntityFilterQuery {
  const filter: Record<string, string[]> = {
    kind: nonEmpty(scope.kinds) ? scope.kinds : EVALUATED_KINDS,
  };
  if (nonEmpty(scope.types)) filter['spec.type'] = scope.types;
  if (nonEmpty(scope.lifecycles)) filter['spec.lifecycle'] = scope.lifecycles;
  if (nonEmpty(scope.tags)) filter['metadata.tags'] = scope.tags;
  if (nonEmpty(scope.owners)) {
    // The catalog's ownedBy relation holds the full ref whatever spec.owner says.
    const refs = scope.owners.map(ownerRef);
    if (refs.every(ref => ref !== undefined)) {
      filter['relations.ownedBy'] = refs as string[];
    }
  }
  if (nonEmpty(scope.systems)) {
    const wanted = scope.systems.map(systemWanted);
    if (wanted.every(w => w && 'ref' in w)) {
      filter['relations.partOf'] = wanted.map(w => (w as { ref: string }).ref);
    }
  }
  if (nonEmpty(scope.annotations)) {
    const alternatives = scope.annotations.map(annotationWanted);
    // Only values the catalog can compare; else the field is left to matchesScope.
    if (
      alternatives.every(
        a =>
          a.value !== undefined &&
          a.value.length <= MAX_INDEXED_VALUE &&
          a.key.length > 0,
      )
    ) {
      // Keys of one filter object all apply: alternatives are objects of their own.
      return alternatives.map(a => ({
        ...filter,
        [`metadata.annotations.${a.key}`]: [a.value!],
      }));
    }
  }
  return filter;
}

/** How many entities one catalog page brings. */
const PAGE_SIZE = 500;

/**
 * Every entity of the scope the credentials may see, read from the catalog
 * page by page with only the fields the campaign needs.
 */
export async function* scopeEntities(
  catalog: Pick<CatalogService, 'streamEntities'>,
  scope: CampaignScope,
  credentials: BackstageCredentials,
): AsyncGenerator<Entity[]> {
  for await (const page of catalog.streamEntities(
    {
      filter: scopeCatalogFilter(scope),
      fields: SCOPE_FIELDS,
      pageSize: PAGE_SIZE,
    },
    { credentials },
  )) {
    const matching = page.filter(entity => matchesScope(entity, scope));
    if (matching.length > 0) yield matching;
  }
}
