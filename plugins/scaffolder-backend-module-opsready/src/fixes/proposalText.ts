import { CheckResult } from '@opsready/plugin-opsready-common';

/** `kubernetes.probes` → `probes`, for branch names and titles. */
function shortName(checkId: string): string {
  return checkId.split('.').slice(1).join('.') || checkId;
}

/** `opsready/fix-probes-resources`: readable, and a valid branch name. */
export function fixBranchName(checkIds: string[]): string {
  const names = checkIds.map(shortName).join('-');
  return `opsready/fix-${names.replace(/[^A-Za-z0-9-]+/g, '-').slice(0, 80)}`;
}

export function fixTitle(entityName: string, checkIds: string[]): string {
  return `Fix ${checkIds.map(shortName).join(', ')} of ${entityName}`;
}

/**
 * The pull request's body: what changed and why, each targeted check with
 * what it said before, and how the change was verified.
 */
export function fixDescription(options: {
  entityRef: string;
  checkIds: string[];
  before: Map<string, CheckResult>;
  changes: string[];
}): string {
  const { entityRef, checkIds, before, changes } = options;
  return [
    `OpsReady generated this change for \`${entityRef}\` so that these checks pass:`,
    '',
    ...checkIds.map(id => {
      const result = before.get(id);
      return `- **${id}**${
        result ? ` (${result.status}): ${result.message}` : ''
      }`;
    }),
    '',
    '## Changes',
    '',
    ...changes.map(change => `- ${change}`),
    '',
    'The check engine ran on the changed repository before this was proposed: the checks above pass, and no other check got worse. Review the values (owners, resources, probes) before merging.',
    '',
  ].join('\n');
}
