import { createBackendModule } from '@backstage/backend-plugin-api';
import { opsreadyChecksExtensionPoint } from '@opsready/plugin-opsready-node';

/**
 * A module adding `count` trivial checks, so that storing one entity's
 * evaluation takes several statements — long enough to be caught midway.
 */
export const manyChecksModule = (count: number) =>
  createBackendModule({
    pluginId: 'opsready',
    moduleId: 'many-checks',
    register(reg) {
      reg.registerInit({
        deps: { checks: opsreadyChecksExtensionPoint },
        async init({ checks }) {
          checks.addChecks(
            ...Array.from({ length: count }, (_, i) => ({
              id: `test.many-${i}`,
              title: `Check ${i}`,
              description: 'Passes.',
              category: 'catalog' as const,
              severity: 'low' as const,
              weight: 1,
              remediation: 'None needed.',
              evaluate: () => ({ status: 'pass' as const, message: 'Fine.' }),
            })),
          );
        },
      });
    },
  });

/** The components the sweep evaluates. */
export const sweptEntities = (count: number) =>
  Array.from({ length: count }, (_, i) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: `svc-${i}`, namespace: 'default' },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
  }));
