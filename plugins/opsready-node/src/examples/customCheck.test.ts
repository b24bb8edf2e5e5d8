import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  CheckDefinition,
  evaluateChecks,
  opsreadyChecksExtensionPoint,
} from '@opsready/plugin-opsready-node';
import { licenseCheck, opsreadyModuleLicenseCheck } from './customCheck';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments' },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
};

const repository = (paths: string[]) => ({ paths, files: {} });

describe('the custom check example', () => {
  it('passes with a licence file, fails without one, and does not guess without the repository', () => {
    const [withLicense] = evaluateChecks([licenseCheck], {
      entity,
      repository: repository(['LICENSE.md', 'README.md']),
    });
    expect(withLicense).toEqual({
      checkId: 'acme.license',
      status: 'pass',
      message: 'LICENSE.md found.',
      evidence: { found: 'LICENSE.md' },
    });

    const [withoutLicense] = evaluateChecks([licenseCheck], {
      entity,
      repository: repository(['README.md', 'docs/LICENSE']),
    });
    expect(withoutLicense.status).toBe('fail');

    const [unread] = evaluateChecks([licenseCheck], { entity });
    expect(unread.status).toBe('unknown');
  });

  it('is added to OpsReady by its backend module', async () => {
    const added: CheckDefinition[] = [];
    // Stands in for the OpsReady backend, which owns the extension point.
    const opsready = createBackendPlugin({
      pluginId: 'opsready',
      register(env) {
        env.registerExtensionPoint(opsreadyChecksExtensionPoint, {
          addChecks: (...checks) => added.push(...checks),
        });
        env.registerInit({ deps: {}, async init() {} });
      },
    });

    const backend = await startTestBackend({
      features: [opsready, opsreadyModuleLicenseCheck],
    });
    try {
      expect(added.map(check => check.id)).toEqual(['acme.license']);
      const [result] = evaluateChecks(added, {
        entity,
        repository: repository(['LICENSE']),
      });
      expect(result.status).toBe('pass');
    } finally {
      await backend.stop();
    }
  });
});
