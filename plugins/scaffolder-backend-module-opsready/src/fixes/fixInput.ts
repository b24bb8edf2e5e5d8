import { InputError } from '@backstage/errors';
import { FIXABLE_CHECKS } from '@opsready/plugin-opsready-common';

/** The checks to fix: at least one, each fixable, each once. */
export function parseFixCheckIds(checkIds: unknown): string[] {
  if (!Array.isArray(checkIds) || checkIds.length === 0) {
    throw new InputError('checkIds must name at least one check to fix');
  }
  const unknown = checkIds.filter(
    id => typeof id !== 'string' || !FIXABLE_CHECKS.includes(id),
  );
  if (unknown.length > 0) {
    throw new InputError(
      `checkIds: ${unknown
        .map(id => `'${String(id).slice(0, 80)}'`)
        .join(
          ', ',
        )} cannot be fixed here; the fixable checks are ${FIXABLE_CHECKS.join(
        ', ',
      )}`,
    );
  }
  return [...new Set(checkIds as string[])];
}
