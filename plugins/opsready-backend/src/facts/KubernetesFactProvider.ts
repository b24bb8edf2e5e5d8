import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { normalizeEntityRef } from '@opsready/plugin-opsready-common';
import {
  FactProvider,
  kubernetesSelectorOf,
  matchesSelector,
  ServiceFacts,
} from '@opsready/plugin-opsready-node';
import {
  KubernetesProxyClient,
  KubernetesResource,
} from '../kubernetes/KubernetesProxyClient';

/** The kinds of object checks read. */
const RESOURCES: KubernetesResource[] = [
  {
    path: '/apis/apps/v1/deployments',
    apiVersion: 'apps/v1',
    kind: 'Deployment',
  },
  {
    path: '/apis/apps/v1/statefulsets',
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
  },
  {
    path: '/apis/apps/v1/daemonsets',
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
  },
  { path: '/api/v1/services', apiVersion: 'v1', kind: 'Service' },
  {
    path: '/apis/autoscaling/v2/horizontalpodautoscalers',
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
  },
  {
    path: '/apis/policy/v1/poddisruptionbudgets',
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
  },
  {
    path: '/apis/monitoring.coreos.com/v1/servicemonitors',
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'ServiceMonitor',
    optional: true,
  },
  {
    path: '/apis/monitoring.coreos.com/v1/podmonitors',
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PodMonitor',
    optional: true,
  },
  {
    path: '/apis/monitoring.coreos.com/v1/prometheusrules',
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    optional: true,
  },
];

/**
 * Live objects from the clusters, through the Kubernetes backend plugin of
 * the same Backstage backend (see KubernetesProxyClient: each cluster is
 * listed once per kind for a whole sweep). If a cluster cannot be listed,
 * entities get no live facts (their checks answer `unknown`) rather than
 * partial ones.
 */
export class KubernetesFactProvider implements FactProvider {
  readonly id = 'kubernetes';

  constructor(
    private readonly options: {
      client: KubernetesProxyClient;
      logger: LoggerService;
    },
  ) {}

  async gather(
    entities: Entity[],
  ): Promise<Map<string, Partial<ServiceFacts>>> {
    const facts = new Map<string, Partial<ServiceFacts>>();
    const selected = entities.flatMap(entity => {
      const selector = kubernetesSelectorOf(entity);
      return selector ? [{ entity, selector }] : [];
    });
    if (selected.length === 0) {
      return facts;
    }
    let listing;
    try {
      listing = await this.options.client.listEverywhere(RESOURCES);
    } catch (error) {
      listing = { objects: [], failures: [{ reason: String(error) }] };
    }
    if (listing.failures.length > 0) {
      this.options.logger.warn(
        `Could not list the Kubernetes clusters: ${listing.failures
          .map(f => f.reason)
          .join('; ')}`,
      );
      return facts;
    }
    for (const { entity, selector } of selected) {
      facts.set(normalizeEntityRef(entity), {
        kubernetes: {
          live: listing.objects
            .filter(o => matchesSelector(o, selector))
            .map(({ cluster: _cluster, ...object }) => object),
        },
      });
    }
    return facts;
  }
}
