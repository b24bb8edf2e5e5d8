/*
 * Fixes: a failing check turned into a change to the entity's repository,
 * generated and verified by the check engine, then proposed for review.
 */
import type { components } from './generated/openapi';

/**
 * A change proposed to fix one of an entity's checks: a pull request, a
 * merge request, or a branch of a local repository.
 *
 * @public
 */
export type FixProposal = components['schemas']['FixProposal'];

/** What records a proposed change (`POST …/fix-proposals`). @public */
export type FixProposalInput = components['schemas']['FixProposalInput'];

/** An image the clusters run for an entity, with its digest. @public */
export type RunningImage = components['schemas']['RunningImage'];

/**
 * The checks whose fix is mechanical: `opsready:fix:generate` can edit the
 * repository so that they pass, and the UI offers "Fix it" for them. The
 * catalog checks are filled in from values the person running the fix
 * gives (or, for docs, from files the repository has).
 *
 * @public
 */
export const FIXABLE_CHECKS: ReadonlyArray<string> = [
  'kubernetes.probes',
  'kubernetes.resources',
  'kubernetes.pdb',
  'kubernetes.security-context',
  'kubernetes.replicas',
  'kubernetes.image-pinned',
  'repository.codeowners',
  'repository.readme',
  'observability.metrics',
  'catalog.owner',
  'catalog.description',
  'catalog.system',
  'catalog.lifecycle',
  'catalog.docs',
];

/** Whether OpsReady can generate a fix for a check. @public */
export function isFixableCheck(checkId: string): boolean {
  return FIXABLE_CHECKS.includes(checkId);
}

/**
 * The name of the template that fixes an entity's checks
 * (`templates/opsready-fix`), in the default namespace.
 *
 * @public
 */
export const FIX_TEMPLATE_NAME = 'opsready-fix';
