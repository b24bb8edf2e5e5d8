import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  FactProvider,
  KubernetesObject,
  opsreadyFactProvidersExtensionPoint,
  ServiceFacts,
} from '@opsready/plugin-opsready-node';
import { normalizeEntityRef } from '@opsready/plugin-opsready-common';

/**
 * Where the example's facts come from: an inventory of what runs, which
 * answers for many services at once.
 */
export interface WorkloadInventory {
  /** The objects running for each entity ref; unknown refs are left out. */
  workloadsOf(
    entityRefs: string[],
  ): Promise<Record<string, KubernetesObject[]>>;
}

/**
 * A custom fact provider: the workloads the inventory lists, as live
 * Kubernetes objects, which the built-in Kubernetes checks then read.
 */
export function inventoryFactProvider(
  inventory: WorkloadInventory,
): FactProvider {
  return {
    id: 'acme-inventory',
    async gather(entities) {
      // One question per batch, not one per entity.
      const refs = entities.map(entity => normalizeEntityRef(entity));
      const workloads = await inventory.workloadsOf(refs);
      const facts = new Map<string, Partial<ServiceFacts>>();
      for (const ref of refs) {
        // An entity left out gets no facts, so checks answer `unknown`.
        if (workloads[ref]) {
          facts.set(ref, { kubernetes: { live: workloads[ref] } });
        }
      }
      return facts;
    },
  };
}

/**
 * The inventory over HTTP: `POST {baseUrl}/workloads` with the refs.
 */
export function httpWorkloadInventory(baseUrl: string): WorkloadInventory {
  return {
    async workloadsOf(entityRefs) {
      const response = await fetch(`${baseUrl}/workloads`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ entityRefs }),
      });
      if (!response.ok) {
        throw await ResponseError.fromResponse(response);
      }
      return await response.json();
    },
  };
}

/**
 * The backend module that adds the provider to OpsReady, reading the
 * inventory's address from `acme.inventory.baseUrl` in app-config.
 */
export const opsreadyModuleInventoryFacts = createBackendModule({
  pluginId: 'opsready',
  moduleId: 'inventory-facts',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        factProviders: opsreadyFactProvidersExtensionPoint,
      },
      async init({ config, factProviders }) {
        const baseUrl = config.getString('acme.inventory.baseUrl');
        factProviders.addFactProvider(
          inventoryFactProvider(httpWorkloadInventory(baseUrl)),
        );
      },
    });
  },
});
