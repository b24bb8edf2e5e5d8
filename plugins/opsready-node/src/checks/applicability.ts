import { Entity } from '@backstage/catalog-model';
import { CheckApplicability } from './types';

function matches(wanted: string[] | undefined, actual: string[]): boolean {
  if (!wanted || wanted.length === 0) {
    return true;
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
  return (
    matches(applicability.kinds, [entity.kind]) &&
    matches(applicability.types, specString(entity, 'type')) &&
    matches(applicability.lifecycles, specString(entity, 'lifecycle')) &&
    matches(applicability.tags, entity.metadata.tags ?? [])
  );
}
