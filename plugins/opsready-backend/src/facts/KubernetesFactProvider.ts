import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  FactProvider,
  factKey,
  KubernetesObject,
  ServiceFacts,
} from '@opsready/plugin-opsready-node';

/** The annotations Backstage's Kubernetes plugin links entities with. */
export const KUBERNETES_ID_ANNOTATION = 'backstage.io/kubernetes-id';
export const KUBERNETES_LABEL_SELECTOR_ANNOTATION =
  'backstage.io/kubernetes-label-selector';
export const KUBERNETES_NAMESPACE_ANNOTATION =
  'backstage.io/kubernetes-namespace';

/** The kinds of object checks read, by API path. */
const RESOURCES: Array<{ path: string; apiVersion: string; kind: string }> = [
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
];

/** Custom resources many clusters lack: a 404 means "none", not a failure. */
const OPTIONAL_RESOURCES: Array<{
  path: string;
  apiVersion: string;
  kind: string;
}> = [
  {
    path: '/apis/monitoring.coreos.com/v1/servicemonitors',
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'ServiceMonitor',
  },
  {
    path: '/apis/monitoring.coreos.com/v1/podmonitors',
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PodMonitor',
  },
  {
    path: '/apis/monitoring.coreos.com/v1/prometheusrules',
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
  },
];

/** Which objects belong to an entity, from its annotations. */
export interface KubernetesSelector {
  labels: Record<string, string>;
  namespace?: string;
}

/**
 * The selector of an entity: `backstage.io/kubernetes-label-selector`
 * (equality terms, e.g. `app=cart,tier=web`) or else the
 * `backstage.io/kubernetes-id` label; undefined if it has neither.
 */
export function kubernetesSelectorOf(
  entity: Entity,
): KubernetesSelector | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const namespace = annotations[KUBERNETES_NAMESPACE_ANNOTATION] || undefined;
  const selector = annotations[KUBERNETES_LABEL_SELECTOR_ANNOTATION];
  if (selector) {
    const labels: Record<string, string> = {};
    for (const term of selector.split(',')) {
      const [key, value] = term.split('=').map(s => s.trim());
      if (!key || value === undefined || key.endsWith('!')) {
        return undefined; // only equality selectors can be matched here
      }
      labels[key] = value;
    }
    return { labels, namespace };
  }
  const id = annotations[KUBERNETES_ID_ANNOTATION];
  return id
    ? { labels: { [KUBERNETES_ID_ANNOTATION]: id }, namespace }
    : undefined;
}

function matches(
  object: KubernetesObject,
  selector: KubernetesSelector,
): boolean {
  if (selector.namespace && object.metadata.namespace !== selector.namespace) {
    return false;
  }
  const labels = object.metadata.labels ?? {};
  return Object.entries(selector.labels).every(([k, v]) => labels[k] === v);
}

/**
 * Live objects from the clusters, through the Kubernetes backend plugin of
 * the same Backstage backend (its proxy endpoint, with the clusters' own
 * credentials from its config). Each cluster is listed once per kind and
 * the listing is kept for `cacheTtlMs`, so a sweep asks each cluster once
 * rather than once per entity. If a cluster cannot be listed, entities get
 * no live facts (their checks answer `unknown`) rather than partial ones.
 */
export class KubernetesFactProvider implements FactProvider {
  readonly id = 'kubernetes';
  private snapshot?: { at: number; objects: Promise<KubernetesObject[]> };

  constructor(
    private readonly options: {
      discovery: DiscoveryService;
      auth: AuthService;
      logger: LoggerService;
      cacheTtlMs?: number;
      timeoutMs?: number;
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
    let objects: KubernetesObject[];
    try {
      objects = await this.liveObjects();
    } catch (error) {
      this.options.logger.warn(
        `Could not list the Kubernetes clusters: ${error}`,
      );
      return facts;
    }
    for (const { entity, selector } of selected) {
      facts.set(factKey(entity), {
        kubernetes: { live: objects.filter(o => matches(o, selector)) },
      });
    }
    return facts;
  }

  private liveObjects(): Promise<KubernetesObject[]> {
    const ttl = this.options.cacheTtlMs ?? 60_000;
    if (!this.snapshot || Date.now() - this.snapshot.at > ttl) {
      const objects = this.listAllClusters();
      this.snapshot = { at: Date.now(), objects };
      // A failed listing is not kept: the next batch tries again.
      objects.catch(() => {
        this.snapshot = undefined;
      });
    }
    return this.snapshot.objects;
  }

  private async listAllClusters(): Promise<KubernetesObject[]> {
    const baseUrl = await this.options.discovery.getBaseUrl('kubernetes');
    const { token } = await this.options.auth.getPluginRequestToken({
      onBehalfOf: await this.options.auth.getOwnServiceCredentials(),
      targetPluginId: 'kubernetes',
    });
    const clusters = (await this.getJson(`${baseUrl}/clusters`, token)) as {
      items: Array<{ name: string }>;
    };
    const perCluster = await Promise.all(
      clusters.items.map(async ({ name }) => {
        const lists = await Promise.all([
          ...RESOURCES.map(r => this.list(baseUrl, token, name, r, false)),
          ...OPTIONAL_RESOURCES.map(r =>
            this.list(baseUrl, token, name, r, true),
          ),
        ]);
        return lists.flat();
      }),
    );
    return perCluster.flat();
  }

  private async list(
    baseUrl: string,
    token: string,
    cluster: string,
    resource: { path: string; apiVersion: string; kind: string },
    optional: boolean,
  ): Promise<KubernetesObject[]> {
    const response = await fetch(`${baseUrl}/proxy${resource.path}`, {
      headers: {
        Authorization: `Bearer ${token}`,
        'Backstage-Kubernetes-Cluster': cluster,
      },
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
    });
    if (optional && response.status === 404) {
      return [];
    }
    if (!response.ok) {
      throw new Error(
        `cluster ${cluster} answered ${response.status} for ${
          resource.path
        }: ${(await response.text()).slice(0, 300)}`,
      );
    }
    const list = (await response.json()) as { items?: any[] };
    // Items of a Kubernetes list carry no kind or apiVersion of their own.
    return (list.items ?? []).map(item => ({
      ...item,
      apiVersion: resource.apiVersion,
      kind: resource.kind,
    }));
  }

  private async getJson(url: string, token: string): Promise<unknown> {
    const response = await fetch(url, {
      headers: { Authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
    });
    if (!response.ok) {
      throw new Error(`${url} answered ${response.status}`);
    }
    return response.json();
  }
}
