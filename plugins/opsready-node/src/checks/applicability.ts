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
  // The lists are only built for the dimensions the check names.
  const { kinds, types, lifecycles } = applicability;
  return (
    (matchesAll(kinds) || matches(kinds, [entity.kind])) &&
    (matchesAll(types) || matches(types, specString(entity, 'type'))) &&
    (matchesAll(lifecycles) ||
      matches(lifecycles, specString(entity, 'lifecycle'))) &&
    matches(applicability.tags, entity.metadata.tags ?? [])
  );
}
