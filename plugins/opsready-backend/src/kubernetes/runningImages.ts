import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { RunningImage } from '@opsready/plugin-opsready-common';
import {
  KubernetesSelector,
  kubernetesSelectorOf,
  matchesSelector,
} from '@opsready/plugin-opsready-node';
import {
  ClusterObject,
  KubernetesProxyClient,
  KubernetesResource,
} from './KubernetesProxyClient';

/** A digest a registry can pull by: `sha256:` and 64 hex digits. */
const DIGEST = /^sha256:[0-9a-f]{64}$/;

/** A namespace as Kubernetes names one (an RFC 1123 label). */
const NAMESPACE = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/**
 * The digest in a container status's imageID, in the forms runtimes give
 * (`docker-pullable://repo@sha256:…`, `repo@sha256:…`, `sha256:…`).
 * Docker's `docker://sha256:…` is the local image id, not a registry
 * digest: pinning to it would not pull, so it is not taken.
 */
export function digestOf(imageId: unknown): string | undefined {
  if (typeof imageId !== 'string' || imageId.startsWith('docker://')) {
    return undefined;
  }
  const at = imageId.lastIndexOf('@');
  const digest = at >= 0 ? imageId.slice(at + 1) : imageId;
  return DIGEST.test(digest) ? digest : undefined;
}

/**
 * The workload that owns a pod, e.g. `Deployment/cart`. A Deployment names
 * its ReplicaSets `<deployment>-<pod-template-hash>` and its pods carry that
 * hash as a label, so the Deployment is known without listing ReplicaSets.
 */
export function workloadOf(pod: ClusterObject): string | undefined {
  const owners = (pod.metadata.ownerReferences ?? []) as Array<{
    kind?: string;
    name?: string;
    controller?: boolean;
  }>;
  const owner = owners.find(o => o.controller) ?? owners[0];
  if (!owner?.kind || !owner.name) return undefined;
  const hash = pod.metadata.labels?.['pod-template-hash'];
  if (owner.kind === 'ReplicaSet' && hash && owner.name.endsWith(`-${hash}`)) {
    return `Deployment/${owner.name.slice(0, -(hash.length + 1))}`;
  }
  return `${owner.kind}/${owner.name}`;
}

/**
 * The images the pods run, each container's image as its spec names it
 * with the digest its status reports; a container not started yet (no
 * imageID) is left out. One entry per image and digest: an image running
 * two digests (a rollout half done) is listed twice.
 */
export function runningImagesOf(pods: ClusterObject[]): RunningImage[] {
  const found = new Map<string, RunningImage>();
  const ordered = [...pods].sort(
    (a, b) =>
      a.cluster.localeCompare(b.cluster) ||
      (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? '') ||
      a.metadata.name.localeCompare(b.metadata.name),
  );
  for (const pod of ordered) {
    const statuses = new Map<string, unknown>(
      ((pod.status?.containerStatuses ?? []) as any[]).map(s => [
        s?.name,
        s?.imageID,
      ]),
    );
    for (const container of (pod.spec?.containers ?? []) as any[]) {
      const image = container?.image;
      const digest = digestOf(statuses.get(container?.name));
      if (typeof image !== 'string' || !image || !digest) continue;
      const key = `${image}\n${digest}`;
      if (found.has(key)) continue;
      const workload = workloadOf(pod);
      found.set(key, {
        image,
        digest,
        cluster: pod.cluster,
        ...(workload ? { workload } : {}),
      });
    }
  }
  return [...found.values()].sort(
    (a, b) =>
      a.image.localeCompare(b.image) || a.digest.localeCompare(b.digest),
  );
}

/**
 * Where the pods of an entity are listed: its namespace if it names one,
 * with its labels as the selector, so that a cluster sends those pods and
 * not all of them. What comes back is matched again all the same.
 */
export function podsResource(selector: KubernetesSelector): KubernetesResource {
  const where =
    selector.namespace && NAMESPACE.test(selector.namespace)
      ? `/api/v1/namespaces/${selector.namespace}/pods`
      : '/api/v1/pods';
  const labels = Object.entries(selector.labels)
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
  return {
    path: `${where}?labelSelector=${encodeURIComponent(labels)}`,
    apiVersion: 'v1',
    kind: 'Pod',
  };
}

/**
 * The images the clusters run for an entity, read through the Kubernetes
 * backend plugin (see KubernetesProxyClient, whose timeouts apply). None
 * when Kubernetes is not configured, the entity names no selector, or no
 * cluster answers; a cluster that fails is left out and logged.
 */
export class RunningImages {
  constructor(
    private readonly deps: {
      client?: Pick<KubernetesProxyClient, 'listEverywhere'>;
      logger: LoggerService;
      /** The entity as the caller may see it; NotFoundError otherwise. */
      readEntity(
        entityRef: string,
        credentials: BackstageCredentials,
      ): Promise<Entity>;
    },
  ) {}

  async list(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<RunningImage[]> {
    const entity = await this.deps.readEntity(entityRef, credentials);
    const selector = kubernetesSelectorOf(entity);
    const { client, logger } = this.deps;
    if (!client || !selector) return [];
    let listing;
    try {
      listing = await client.listEverywhere([podsResource(selector)]);
    } catch (error) {
      logger.warn(`Could not list the Kubernetes clusters: ${error}`);
      return [];
    }
    if (listing.failures.length > 0) {
      logger.warn(
        `Could not list the pods of ${entityRef} in some clusters: ${listing.failures
          .map(f => f.reason)
          .join('; ')}`,
      );
    }
    return runningImagesOf(
      listing.objects.filter(pod => matchesSelector(pod, selector)),
    );
  }
}
