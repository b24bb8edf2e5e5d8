/* A small org as the catalog holds it: entities with the relations its processors derive from their specs. */
import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import { RollupReads, RollupScore } from '../../database/DatabaseRollupReads';

type Relation = { type: string; targetRef: string };

function entity(
  kind: string,
  name: string,
  spec: JsonObject,
  relations: Relation[],
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default', title: `${name} title` },
    spec,
    relations,
  };
}

/** A group; `parent` gives it a childOf relation, `children` parentOf ones. */
export function group(
  name: string,
  links: { parent?: string; children?: string[] } = {},
): Entity {
  return entity(
    'Group',
    name,
    { type: 'team', children: links.children ?? [] },
    [
      ...(links.parent
        ? [{ type: 'childOf', targetRef: `group:default/${links.parent}` }]
        : []),
      ...(links.children ?? []).map(child => ({
        type: 'parentOf',
        targetRef: `group:default/${child}`,
      })),
    ],
  );
}

/** A component owned by a group, part of a system if given. */
export function component(
  name: string,
  owner: string,
  partOf?: string,
): Entity {
  return entity(
    'Component',
    name,
    { type: 'service', owner, ...(partOf ? { system: partOf } : {}) },
    [
      { type: 'ownedBy', targetRef: `group:default/${owner}` },
      ...(partOf
        ? [{ type: 'partOf', targetRef: `system:default/${partOf}` }]
        : []),
    ],
  );
}

/** A system, in a domain if given. */
export function system(name: string, inDomain?: string): Entity {
  return entity(
    'System',
    name,
    { owner: 'platform', ...(inDomain ? { domain: inDomain } : {}) },
    [
      { type: 'ownedBy', targetRef: 'group:default/platform' },
      ...(inDomain
        ? [{ type: 'partOf', targetRef: `domain:default/${inDomain}` }]
        : []),
    ],
  );
}

/** A domain. */
export function domain(name: string): Entity {
  return entity('Domain', name, { owner: 'platform' }, [
    { type: 'ownedBy', targetRef: 'group:default/platform' },
  ]);
}

/** Roll-up reads over fixed scores and failing checks, by component name. */
export function fixedReads(
  scores: Record<string, RollupScore>,
  failing: Record<string, string[]> = {},
): RollupReads {
  const key = (name: string) => `component:default/${name}`;
  const scoreMap = new Map(
    Object.entries(scores).map(([name, s]) => [key(name), s]),
  );
  const failingMap = new Map(
    Object.entries(failing).map(([name, checks]) => [key(name), checks]),
  );
  const failingOf = (refs: string[], checkIds: ReadonlyArray<string>) =>
    new Map(
      [...new Set(refs)].flatMap(ref => {
        const checks = (failingMap.get(ref) ?? []).filter(c =>
          checkIds.includes(c),
        );
        return checks.length ? [[ref, checks] as const] : [];
      }),
    );
  return {
    scores: async refs =>
      new Map(
        refs.flatMap(ref => {
          const s = scoreMap.get(ref);
          return s ? [[ref, s] as const] : [];
        }),
      ),
    failingChecks: async (refs, checkIds) => failingOf(refs, checkIds),
    failingCounts: async (refs, checkIds) => {
      const counts = new Map<string, number>();
      for (const checks of failingOf(refs, checkIds).values()) {
        for (const c of checks) counts.set(c, (counts.get(c) ?? 0) + 1);
      }
      return counts;
    },
  };
}
