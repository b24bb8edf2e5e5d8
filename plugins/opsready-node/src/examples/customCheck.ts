import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  CheckDefinition,
  opsreadyChecksExtensionPoint,
} from '@opsready/plugin-opsready-node';

const LICENSE = /^(licen[cs]e|copying)(\.(md|txt))?$/i;

/**
 * A custom check: the repository has a licence file at its root.
 */
export const licenseCheck: CheckDefinition = {
  id: 'acme.license',
  title: 'Has a licence',
  description: 'The repository has a LICENSE file at its root.',
  category: 'repository',
  severity: 'low',
  weight: 1,
  remediation: 'Add a `LICENSE` file at the root of the repository.',
  appliesTo: { kinds: ['Component'] },
  evaluate(facts) {
    // Absent facts mean the source could not be read: say so, do not fail.
    if (!facts.repository) {
      return {
        status: 'unknown',
        message: 'The repository could not be read.',
      };
    }
    const found = facts.repository.paths.find(path => LICENSE.test(path));
    return found
      ? { status: 'pass', message: `${found} found.`, evidence: { found } }
      : { status: 'fail', message: 'No LICENSE file at the root.' };
  },
};

/**
 * The backend module that adds the check to OpsReady:
 * `backend.add(opsreadyModuleLicenseCheck)`.
 */
export const opsreadyModuleLicenseCheck = createBackendModule({
  pluginId: 'opsready',
  moduleId: 'license-check',
  register(env) {
    env.registerInit({
      deps: { checks: opsreadyChecksExtensionPoint },
      async init({ checks }) {
        checks.addChecks(licenseCheck);
      },
    });
  },
});
