import { Entity } from '@backstage/catalog-model';
import { RepositoryFacts } from '../types';

export const RUNBOOK_ANNOTATION = 'opsready.io/runbook-url';

const RUNBOOK_TITLE = /\brunbooks?\b/i;

/**
 * The entity's runbook: the `opsready.io/runbook-url` annotation, else the
 * first link titled as a runbook.
 */
export function runbookOf(entity: Entity): string | undefined {
  const annotated = entity.metadata.annotations?.[RUNBOOK_ANNOTATION]?.trim();
  if (annotated) {
    return annotated;
  }
  return (entity.metadata.links ?? []).find(link =>
    RUNBOOK_TITLE.test(link?.title ?? ''),
  )?.url;
}

const ALERT_RULE = /^\s*(-\s*)?alert\s*:\s*\S/m;

const RULES_FILE = /rules[^/]*\.ya?ml$/i;

/** Whether a repository path is where alert rules are kept by convention. */
export function isAlertRulesPath(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return (
    path.startsWith('alerts/') ||
    path.includes('/alerts/') ||
    RULES_FILE.test(name)
  );
}

/**
 * The repository files that hold Prometheus alert rules: under an `alerts/`
 * directory or named `*rules*.yaml`, with at least one `alert:` rule (a
 * recording-rules file alone alerts nobody).
 */
export function alertRuleFiles(repository: RepositoryFacts): string[] {
  // Keys rather than entries: no pair is built for the many files that are
  // not alert rules.
  return Object.keys(repository.files)
    .filter(
      path => isAlertRulesPath(path) && ALERT_RULE.test(repository.files[path]),
    )
    .sort();
}
