import { Entity } from '@backstage/catalog-model';
import { CheckApplicability } from './types';

/** Whether a dimension left out (or empty) matches everything. */
function matchesAll(wanted: string[] | undefined): boolean {
  return !wanted || wanted.length === 0;
}

function matches(wanted: string[] | undefined, actual: string[]): boolean {
  if (!wanted || matchesAll(wanted)) {
    return true;
  }
  // Equal strings are equal ignoring case too, so the usual case (a check
  // for kind Component, on a Component) needs no case folding. Anything that
  // is not a string takes the long way, and fails there as it always has.
  if (actual.every(value => typeof value === 'string')) {
    for (const value of wanted) {
      if (typeof value !== 'string') {
        break;
      }
      if (actual.includes(value)) {
        return true;
      }
    }
  }
  const have = new Set(actual.map(value => value.toLocaleLowerCase('en-US')));
  return wanted.some(value => have.has(value.toLocaleLowerCase('en-US')));
}

/**
 * Whether `value` is a string equal to one of the wanted values, as the
 * first loop of `matches` finds it, without building a list for it: the
 * usual case (a check for kind Component, on a Component), asked for every
 * check of every service. When this says no, `matches` takes over, with
 * everything it does (case folding, and failing on values that are not
 * strings), so the answer is always the one `matches` gives.
 */
function includesExactly(wanted: string[], value: unknown): boolean {
  if (typeof value !== 'string') {
    return false;
  }
  for (const item of wanted) {
    if (typeof item !== 'string') {
      return false;
    }
    if (item === value) {
      return true;
    }
  }
  return false;
}

function specString(entity: Entity, field: string): string[] {
  const value = entity.spec?.[field];
  return typeof value === 'string' ? [value] : [];
}

/**
 * Whether a check with the given applicability applies to an entity.
 *
 * @public
 */
export function appliesToEntity(
  applicability: CheckApplicability | undefined,
  entity: Entity,
): boolean {
  if (!applicability) {
    return true;
  }
  // The lists are only built for the dimensions the check names, and only
  // when the value is not simply one of those wanted.
  const { kinds, types, lifecycles } = applicability;
  return (
    (matchesAll(kinds) ||
      includesExactly(kinds!, entity.kind) ||
      matches(kinds, [entity.kind])) &&
    (matchesAll(types) ||
      includesExactly(types!, entity.spec?.type) ||
      matches(types, specString(entity, 'type'))) &&
    (matchesAll(lifecycles) ||
      includesExactly(lifecycles!, entity.spec?.lifecycle) ||
      matches(lifecycles, specString(entity, 'lifecycle'))) &&
    tagsMatch(applicability.tags, entity)
  );
}

function tagsMatch(wanted: string[] | undefined, entity: Entity): boolean {
  // Read whether or not tags are wanted, as it always was (an entity
  // without metadata fails here); a list is only made when they are.
  const tags = entity.metadata.tags;
  return matchesAll(wanted) || matches(wanted, tags ?? []);
}
