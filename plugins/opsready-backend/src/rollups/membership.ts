import { OrgEntity, relatedOfKind } from './orgEntities';

/**
 * The group tree: each group's child groups, from both ends of the link
 * (a group's `parentOf` and its children's `childOf`), so one side missing
 * a relation loses nothing. Only groups the caller sees are in it: a hidden
 * group between two visible ones cuts the tree there rather than leak its
 * name and figures.
 */
export function childGroupsOf(groups: OrgEntity[]): Map<string, string[]> {
  const known = new Set(groups.map(g => g.ref));
  const children = new Map<string, Set<string>>();
  const link = (parent: string, child: string) => {
    if (!known.has(parent) || !known.has(child) || parent === child) return;
    const set = children.get(parent) ?? new Set<string>();
    set.add(child);
    children.set(parent, set);
  };
  for (const group of groups) {
    for (const child of relatedOfKind(group, 'parentof', 'group')) {
      link(group.ref, child);
    }
    for (const parent of relatedOfKind(group, 'childof', 'group')) {
      link(parent, group.ref);
    }
  }
  return new Map(
    [...children].map(([parent, set]) => [parent, [...set].sort()]),
  );
}

/**
 * The group and every group below it, all the way down. A cycle in bad
 * catalog data (a group its own ancestor) is walked once, not forever.
 */
export function groupsBelow(
  root: string,
  childGroups: ReadonlyMap<string, string[]>,
): Set<string> {
  const seen = new Set<string>([root]);
  const queue = [root];
  while (queue.length > 0) {
    for (const child of childGroups.get(queue.shift()!) ?? []) {
      if (!seen.has(child)) {
        seen.add(child);
        queue.push(child);
      }
    }
  }
  return seen;
}

/**
 * The entities each key covers, given which keys each entity names through
 * a relation: e.g. owners through `ownedby`, systems through `partof`.
 */
export function membersBy(
  entities: OrgEntity[],
  relation: string,
  kind: string,
): Map<string, string[]> {
  const members = new Map<string, string[]>();
  for (const entity of entities) {
    for (const target of new Set(relatedOfKind(entity, relation, kind))) {
      const refs = members.get(target) ?? [];
      refs.push(entity.ref);
      members.set(target, refs);
    }
  }
  return members;
}

/** The members of all these keys, each once. */
export function unionOf(
  keys: Iterable<string>,
  members: ReadonlyMap<string, string[]>,
): string[] {
  const refs = new Set<string>();
  for (const key of keys) {
    for (const ref of members.get(key) ?? []) refs.add(ref);
  }
  return [...refs];
}
