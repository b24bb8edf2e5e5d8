import { DeploymentStatus } from '@opsready/plugin-opsready-common';
import { KubernetesObject } from '@opsready/plugin-opsready-node';

const REVISION = 'deployment.kubernetes.io/revision';
const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';

/** One rollout of a Deployment, as its ReplicaSets remember it. */
export interface Rollout {
  /** The Deployment's namespace and name. */
  workload: string;
  revision: number;
  /** The image tag (or digest) of the Deployment's main container. */
  version: string;
  image: string;
  startedAt: string;
  finishedAt?: string;
  status: DeploymentStatus;
}

const condition = (object: KubernetesObject, type: string) =>
  (object.status?.conditions ?? []).find((c: any) => c.type === type);

const ownedBy = (object: KubernetesObject, owner: KubernetesObject) =>
  ((object.metadata.ownerReferences as any[]) ?? []).some(
    ref =>
      ref.kind === owner.kind &&
      (ref.uid && owner.metadata.uid
        ? ref.uid === owner.metadata.uid
        : ref.name === owner.metadata.name),
  );

/**
 * The container a version is read from: the one named like its workload,
 * else the first. Sidecars (proxies, log shippers) do not name a release.
 */
function mainContainer(template: any, workloadName: string): any | undefined {
  const containers: any[] = template?.spec?.containers ?? [];
  return containers.find(c => c.name === workloadName) ?? containers[0];
}

/** `registry/app:1.4.2` → `1.4.2`; `app@sha256:…` → `sha256:…` (12 hex). */
export function versionOfImage(image: string): string {
  const at = image.indexOf('@');
  if (at >= 0) {
    return image.slice(at + 1, at + 1 + 'sha256:'.length + 12);
  }
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const colon = lastSegment.lastIndexOf(':');
  return colon >= 0 ? lastSegment.slice(colon + 1) : 'latest';
}

/**
 * Every revision a ReplicaSet has stood for. Going back to an earlier
 * version reuses that version's ReplicaSet: it takes the new revision
 * number and keeps its older ones in `revision-history`.
 */
function revisionsOf(replicaSet: KubernetesObject): number[] {
  const annotations = replicaSet.metadata.annotations ?? {};
  const current = Number(annotations[REVISION]);
  if (!Number.isInteger(current) || current < 1) return [];
  const history = (annotations[REVISION_HISTORY] ?? '')
    .split(',')
    .map(Number)
    .filter(n => Number.isInteger(n) && n > 0);
  return [...history, current].sort((a, b) => a - b);
}

/**
 * Where the Deployment's current rollout stands, from its Progressing
 * condition: done when the new ReplicaSet is available, failed past the
 * progress deadline, else running.
 */
function currentStatus(deployment: KubernetesObject): {
  status: DeploymentStatus;
  at?: string;
} {
  const progressing = condition(deployment, 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') {
    return {
      status: 'failed',
      at: progressing.lastUpdateTime ?? progressing.lastTransitionTime,
    };
  }
  if (progressing?.reason === 'NewReplicaSetAvailable') {
    return {
      status: 'succeeded',
      at: progressing.lastUpdateTime ?? progressing.lastTransitionTime,
    };
  }
  return { status: 'started' };
}

/**
 * A Deployment's rollout history from its ReplicaSets (those Kubernetes
 * keeps: `revisionHistoryLimit`, 10 by default), oldest first.
 *
 * Kubernetes records when a ReplicaSet was created, not when each of its
 * revisions went out, so: a revision that created its ReplicaSet started
 * then; the current revision of a reused ReplicaSet (a rollback) started
 * when the Deployment last progressed; an older revision of a reused
 * ReplicaSet has no time Kubernetes kept, and is left out rather than
 * dated wrongly.
 */
export function rolloutsOf(
  deployment: KubernetesObject,
  replicaSets: KubernetesObject[],
): Rollout[] {
  const workload = `${deployment.metadata.namespace ?? 'default'}/${
    deployment.metadata.name
  }`;
  const currentRevision = Number(
    deployment.metadata.annotations?.[REVISION] ?? NaN,
  );
  const current = currentStatus(deployment);
  const rollouts: Rollout[] = [];
  for (const replicaSet of replicaSets) {
    if (!ownedBy(replicaSet, deployment)) continue;
    const container = mainContainer(
      replicaSet.spec?.template,
      deployment.metadata.name,
    );
    const createdAt = replicaSet.metadata.creationTimestamp as
      | string
      | undefined;
    if (!container?.image || !createdAt) continue;
    const revisions = revisionsOf(replicaSet);
    revisions.forEach((revision, index) => {
      const isCurrent = revision === currentRevision;
      let startedAt: string | undefined;
      if (index === 0) {
        startedAt = createdAt;
      } else if (isCurrent) {
        startedAt = current.at;
      }
      if (!startedAt) return;
      const finishedAt = isCurrent ? current.at : undefined;
      rollouts.push({
        workload,
        revision,
        version: versionOfImage(container.image),
        image: container.image,
        startedAt,
        // A rollout that went out and then progressed is done when it did.
        // A rollback is dated by that same moment, so how long it took is
        // not known (rather than none).
        finishedAt:
          finishedAt && Date.parse(finishedAt) > Date.parse(startedAt)
            ? finishedAt
            : undefined,
        status: isCurrent ? current.status : 'succeeded',
      });
    });
  }
  return rollouts.sort((a, b) => a.revision - b.revision);
}
