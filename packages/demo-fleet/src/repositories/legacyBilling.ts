/*
 * The demo's "legacy-billing": a service from before the golden path,
 * published as a local repository the way `opsready:publish:local` publishes
 * one, whose manifests fail the probes, resources and PodDisruptionBudget
 * checks. It is what the fix template is shown on.
 */
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import fs from 'node:fs';
import { join } from 'node:path';
import git from 'isomorphic-git';

/** The repository's files, as committed. */
export const LEGACY_BILLING_FILES = resolvePackagePath(
  '@opsready/demo-fleet',
  'legacy-billing',
);

export const LEGACY_BILLING = 'legacy-billing';

/** Where the local portal's catalog finds published repositories. */
export const DEFAULT_REPOSITORIES_DIRECTORY = resolvePackagePath(
  '@opsready/demo-fleet',
  '../../.data/repositories',
);

/**
 * Publishes legacy-billing under `directory` unless it is there already:
 * a git repository with one commit on `main`. An existing repository (a
 * fix merged into it, say) is left as it is.
 */
export async function publishLegacyBilling(
  directory: string,
): Promise<{ path: string; created: boolean }> {
  const path = join(directory, LEGACY_BILLING);
  if (fs.existsSync(path)) {
    return { path, created: false };
  }
  await fs.promises.mkdir(directory, { recursive: true });
  await fs.promises.cp(LEGACY_BILLING_FILES, path, { recursive: true });
  await git.init({ fs, dir: path, defaultBranch: 'main' });
  await git.add({ fs, dir: path, filepath: '.' });
  await git.commit({
    fs,
    dir: path,
    message: 'Move legacy-billing to Kubernetes',
    author: { name: 'Payments team', email: 'payments@opsready.local' },
  });
  return { path, created: true };
}
