import { InputError } from '@backstage/errors';
import { CheckResult } from '@opsready/plugin-opsready-common';
import { MemoryFiles } from './memoryFiles';
import { FIXERS } from './registry';
import { CheckFixer, FixContext } from './types';

/**
 * Runs the fixers of the checks, in the order given, on the files in
 * memory. The first refusal stops everything with the fixer's reason; since
 * nothing is written until all ran, a refusal leaves the workspace as read.
 */
export async function runFixes(options: {
  checkIds: string[];
  files: MemoryFiles;
  context: Omit<FixContext, 'result'>;
  before: Map<string, CheckResult>;
  fixers?: ReadonlyMap<string, CheckFixer>;
}): Promise<string[]> {
  const { checkIds, files, context, before } = options;
  const fixers = options.fixers ?? FIXERS;
  const missing = checkIds.filter(id => !fixers.has(id));
  if (missing.length > 0) {
    throw new InputError(
      `checkIds: no fix is available yet for ${missing.join(', ')}`,
    );
  }
  const changes: string[] = [];
  for (const checkId of checkIds) {
    const outcome = await fixers
      .get(checkId)!
      .apply(files, { ...context, result: before.get(checkId) });
    if (outcome.refused) {
      throw new InputError(`${checkId} cannot be fixed: ${outcome.refused}`);
    }
    changes.push(...outcome.changes);
  }
  return changes;
}
