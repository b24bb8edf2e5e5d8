import { Entity } from '@backstage/catalog-model';

/**
 * The non-empty strings of a list field of `spec`. Entities come from YAML
 * that people write by hand, so a field may be missing, a single string, or
 * hold blanks; none of that should make a check throw.
 */
export function specStringList(entity: Entity, field: string): string[] {
  const value = entity.spec?.[field];
  const items = Array.isArray(value) ? value : [value];
  return items
    .filter((item): item is string => typeof item === 'string')
    .map(item => item.trim())
    .filter(item => item !== '');
}

/** A string field of `spec`, trimmed, or undefined when absent or blank. */
export function specString(entity: Entity, field: string): string | undefined {
  const value = entity.spec?.[field];
  return typeof value === 'string' && value.trim() !== ''
    ? value.trim()
    : undefined;
}

/**
 * Whether a value is in a configured list, ignoring case, as check
 * applicability does: `Production` and `production` are the same lifecycle.
 */
export function includesIgnoringCase(list: string[], value: string): boolean {
  const wanted = value.toLocaleLowerCase('en-US');
  return list.some(item => item.toLocaleLowerCase('en-US') === wanted);
}
