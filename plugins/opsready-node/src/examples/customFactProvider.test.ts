import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  builtInChecks,
  evaluateChecks,
  FactProvider,
  KubernetesObject,
  mergeFacts,
  opsreadyFactProvidersExtensionPoint,
} from '@opsready/plugin-opsready-node';
import {
  httpWorkloadInventory,
  inventoryFactProvider,
  opsreadyModuleInventoryFacts,
  WorkloadInventory,
} from './customFactProvider';

const payments: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'Payments' },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
};
const ledger: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'ledger', namespace: 'finance' },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-b' },
};

function deployment(image: string): KubernetesObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'payments' },
    spec: {
      replicas: 2,
      template: {
        metadata: { labels: { app: 'payments' } },
        spec: { containers: [{ name: 'app', image }] },
      },
    },
  };
}

const driftCheck = builtInChecks.filter(
  check => check.id === 'kubernetes.drift',
);

/**
 * The drift verdict for payments, given what the repository declares: a
 * medium-severity check warns when the cluster runs something else.
 */
async function driftOf(provider: FactProvider, declaredImage: string) {
  const gathered = await provider.gather([payments]);
  const facts = mergeFacts(payments, [
    { kubernetes: { declared: [deployment(declaredImage)] } },
    gathered.get('component:default/payments'),
  ]);
  return evaluateChecks(driftCheck, facts)[0].status;
}

describe('the custom fact provider example', () => {
  it('asks the inventory once per batch and keys its facts by entity ref', async () => {
    const workloadsOf = jest.fn<
      ReturnType<WorkloadInventory['workloadsOf']>,
      Parameters<WorkloadInventory['workloadsOf']>
    >(async () => ({
      'component:default/payments': [deployment('payments:1.4.0')],
    }));
    const facts = await inventoryFactProvider({ workloadsOf }).gather([
      payments,
      ledger,
    ]);

    expect(workloadsOf).toHaveBeenCalledTimes(1);
    expect(workloadsOf).toHaveBeenCalledWith([
      'component:default/payments',
      'component:finance/ledger',
    ]);
    expect([...facts.keys()]).toEqual(['component:default/payments']);
  });

  it('gives the built-in checks the live side they compare with the manifests', async () => {
    const inventory: WorkloadInventory = {
      workloadsOf: async refs =>
        Object.fromEntries(
          refs.map(ref => [ref, [deployment('payments:1.4.0')]]),
        ),
    };
    const provider = inventoryFactProvider(inventory);

    expect(await driftOf(provider, 'payments:1.4.0')).toBe('pass');
    expect(await driftOf(provider, 'payments:1.5.0')).toBe('warn');
  });

  it('is added to OpsReady by its backend module, which asks the configured inventory', async () => {
    const added: FactProvider[] = [];
    // Stands in for the OpsReady backend, which owns the extension point.
    const opsready = createBackendPlugin({
      pluginId: 'opsready',
      register(env) {
        env.registerExtensionPoint(opsreadyFactProvidersExtensionPoint, {
          addFactProvider: provider => added.push(provider),
        });
        env.registerInit({ deps: {}, async init() {} });
      },
    });
    const fetchMock = jest.spyOn(global, 'fetch').mockImplementation(async () =>
      Response.json({
        'component:default/payments': [deployment('payments:1.4.0')],
      }),
    );

    const backend = await startTestBackend({
      features: [
        opsready,
        opsreadyModuleInventoryFacts,
        mockServices.rootConfig.factory({
          data: { acme: { inventory: { baseUrl: 'https://inventory.acme' } } },
        }),
      ],
    });
    try {
      expect(added.map(provider => provider.id)).toEqual(['acme-inventory']);
      expect(await driftOf(added[0], 'payments:1.5.0')).toBe('warn');
      expect(fetchMock).toHaveBeenCalledWith(
        'https://inventory.acme/workloads',
        expect.objectContaining({
          method: 'POST',
          body: JSON.stringify({ entityRefs: ['component:default/payments'] }),
        }),
      );
    } finally {
      fetchMock.mockRestore();
      await backend.stop();
    }
  });

  it('fails the gathering, with the status, when the inventory answers with an error', async () => {
    const fetchMock = jest
      .spyOn(global, 'fetch')
      .mockImplementation(async () => new Response('down', { status: 503 }));
    try {
      const provider = inventoryFactProvider(
        httpWorkloadInventory('https://inventory.acme'),
      );
      await expect(provider.gather([payments])).rejects.toThrow(/503/);
    } finally {
      fetchMock.mockRestore();
    }
  });
});
