import { Entity } from '@backstage/catalog-model';
import { equalIgnoringCase } from '../ignoringCase';

/**
 * The non-empty strings of a list field of `spec`. Entities come from YAML
 * that people write by hand, so a field may be missing, a single string, or
 * hold blanks; none of that should make a check throw.
 */
export function specStringList(entity: Entity, field: string): string[] {
  const value = entity.spec?.[field];
  const strings: string[] = [];
  for (const item of Array.isArray(value) ? value : [value]) {
    const trimmed = typeof item === 'string' ? item.trim() : '';
    if (trimmed !== '') {
      strings.push(trimmed);
    }
  }
  return strings;
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
  return list.some(item => equalIgnoringCase(item, value));
}
