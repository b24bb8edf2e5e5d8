import { durationToMilliseconds } from '@backstage/types';
import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { KubernetesObject } from '@opsready/plugin-opsready-node';

const DEFAULT_CACHE_TTL_MS = durationToMilliseconds({ minutes: 1 });
const DEFAULT_TIMEOUT_MS = durationToMilliseconds({ seconds: 15 });

/** A kind of object, where the Kubernetes API lists it. */
export interface KubernetesResource {
  path: string;
  apiVersion: string;
  kind: string;
  /** Custom resources many clusters lack: a 404 means "none", not a failure. */
  optional?: boolean;
}

/** A live object and the cluster it was listed from. */
export type ClusterObject = KubernetesObject & { cluster: string };

/** What listing every cluster gave: objects, and the clusters that failed. */
export interface ClusterListing {
  /** The clusters whose every list answered; only their objects are here. */
  clusters: string[];
  objects: ClusterObject[];
  failures: Array<{ cluster: string; reason: string }>;
}

/**
 * Reads the clusters through the Kubernetes backend plugin of the same
 * Backstage backend — its `/clusters` and `/proxy` endpoints, with the
 * plugin's own service token — so that OpsReady uses the clusters and
 * credentials the Kubernetes plugin is configured with and holds none of
 * its own. A listing is kept for `cacheTtlMs`, so a sweep (and the fact
 * provider and the collector together) asks each cluster once per kind,
 * not once per entity.
 */
export class KubernetesProxyClient {
  private readonly cache = new Map<
    string,
    { at: number; listing: Promise<ClusterListing> }
  >();

  constructor(
    private readonly options: {
      discovery: DiscoveryService;
      auth: AuthService;
      cacheTtlMs?: number;
      timeoutMs?: number;
    },
  ) {}

  /**
   * Every object of these kinds in every cluster. A cluster that fails any
   * list is left out whole (and named in `failures`), so that no one reads
   * half a cluster as the whole of it.
   */
  listEverywhere(resources: KubernetesResource[]): Promise<ClusterListing> {
    const key = resources.map(r => r.path).join(',');
    const ttl = this.options.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS;
    const cached = this.cache.get(key);
    if (cached && Date.now() - cached.at < ttl) {
      return cached.listing;
    }
    const listing = this.listAllClusters(resources);
    this.cache.set(key, { at: Date.now(), listing });
    // A failed listing is not kept: the next caller tries again.
    listing.catch(() => this.cache.delete(key));
    return listing;
  }

  private async listAllClusters(
    resources: KubernetesResource[],
  ): Promise<ClusterListing> {
    const baseUrl = await this.options.discovery.getBaseUrl('kubernetes');
    const { token } = await this.options.auth.getPluginRequestToken({
      onBehalfOf: await this.options.auth.getOwnServiceCredentials(),
      targetPluginId: 'kubernetes',
    });
    const clusters = (await this.getJson(`${baseUrl}/clusters`, token)) as {
      items: Array<{ name: string }>;
    };
    const listing: ClusterListing = { clusters: [], objects: [], failures: [] };
    const perCluster = await Promise.all(
      clusters.items.map(async ({ name }) => {
        try {
          const lists = await Promise.all(
            resources.map(r => this.list(baseUrl, token, name, r)),
          );
          return { name, objects: lists.flat() };
        } catch (error) {
          return { name, objects: undefined, reason: String(error) };
        }
      }),
    );
    for (const result of perCluster) {
      if (result.objects) {
        listing.clusters.push(result.name);
        listing.objects.push(...result.objects);
      } else {
        listing.failures.push({ cluster: result.name, reason: result.reason! });
      }
    }
    return listing;
  }

  private async list(
    baseUrl: string,
    token: string,
    cluster: string,
    resource: KubernetesResource,
  ): Promise<ClusterObject[]> {
    const response = await fetch(`${baseUrl}/proxy${resource.path}`, {
      headers: {
        Authorization: `Bearer ${token}`,
        'Backstage-Kubernetes-Cluster': cluster,
      },
      signal: AbortSignal.timeout(this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
    if (resource.optional && response.status === 404) {
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
      cluster,
    }));
  }

  private async getJson(url: string, token: string): Promise<unknown> {
    const response = await fetch(url, {
      headers: { Authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
    if (!response.ok) {
      throw new Error(`${url} answered ${response.status}`);
    }
    return response.json();
  }
}
