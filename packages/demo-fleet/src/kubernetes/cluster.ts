import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { parseAllDocuments } from 'yaml';

/** A Kubernetes object, as the API serves it (with kind and apiVersion). */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    creationTimestamp?: string;
    ownerReferences?: Array<{ kind: string; name: string; uid: string }>;
    [key: string]: unknown;
  };
  spec?: any;
  status?: any;
}

export const DEMO_NAMESPACE = 'boutique';

/** The label the Kubernetes plugin finds a catalog entity's objects by. */
const ENTITY_LABEL = 'backstage.io/kubernetes-id';

const DAY = 24 * 3600_000;

/**
 * Each Deployment's rollouts: which image tag went out how many days ago.
 * checkoutservice was rolled back to the previous tag yesterday, which is
 * also drift from the manifests in its repository (they say v0.10.6).
 */
const ROLLOUTS: Record<string, Array<{ tag: string; daysAgo: number }>> = {
  default: [
    { tag: 'v0.10.4', daysAgo: 29 },
    { tag: 'v0.10.5', daysAgo: 16 },
    { tag: 'v0.10.6', daysAgo: 3 },
  ],
  checkoutservice: [
    { tag: 'v0.10.4', daysAgo: 29 },
    { tag: 'v0.10.5', daysAgo: 16 },
    { tag: 'v0.10.6', daysAgo: 2 },
    { tag: 'v0.10.5', daysAgo: 1 },
  ],
};

/** Replicas the demo runs, where the manifests leave it to the default 1. */
const REPLICAS: Record<string, number> = { frontend: 3 };

/** What goes wrong in the demo cluster, by deployment. */
type Trouble = 'crash-loop' | 'oom-killed';
const TROUBLE: Record<string, Trouble> = {
  paymentservice: 'crash-loop',
  cartservice: 'oom-killed',
};

const iso = (ms: number) => new Date(ms).toISOString();
const hash = (text: string, length: number) =>
  createHash('sha256').update(text).digest('hex').slice(0, length);
const uid = (text: string) => {
  const h = hash(text, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(
    16,
    20,
  )}-${h.slice(20)}`;
};

/** The Online Boutique manifests the demo cluster runs. */
export function readDemoManifests(): KubeObject[] {
  const text = readFileSync(
    resolvePackagePath('@opsready/demo-fleet', 'data/microservices-demo.yaml'),
    'utf8',
  );
  return parseAllDocuments(text)
    .map(document => document.toJSON())
    .filter((object): object is KubeObject => Boolean(object?.kind));
}

function withTag(image: string, tag: string): string {
  return image.replace(/:[^:/]+$/, `:${tag}`);
}

function labelled(object: KubeObject, entity: string, createdAt: number) {
  return {
    ...object.metadata,
    namespace: DEMO_NAMESPACE,
    uid: uid(`${object.kind}/${object.metadata.name}`),
    creationTimestamp: iso(createdAt),
    labels: { ...object.metadata.labels, [ENTITY_LABEL]: entity },
  };
}

function podTemplate(deployment: KubeObject, entity: string, tag: string) {
  const template = deployment.spec.template;
  return {
    ...template,
    metadata: {
      ...template.metadata,
      labels: { ...template.metadata?.labels, [ENTITY_LABEL]: entity },
    },
    spec: {
      ...template.spec,
      containers: template.spec.containers.map((container: any) => ({
        ...container,
        image: withTag(container.image, tag),
      })),
    },
  };
}

function containerStatus(
  container: any,
  trouble: Trouble | undefined,
  startedAt: number,
  now: number,
) {
  const base = {
    name: container.name,
    image: container.image,
    imageID: `${container.image.replace(/:[^:/]+$/, '')}@sha256:${hash(
      container.image,
      64,
    )}`,
    containerID: `containerd://${hash(`${container.name}${startedAt}`, 64)}`,
  };
  if (trouble === 'crash-loop') {
    return {
      ...base,
      ready: false,
      started: false,
      restartCount: 17,
      state: {
        waiting: {
          reason: 'CrashLoopBackOff',
          message: `back-off 5m0s restarting failed container=${container.name}`,
        },
      },
      lastState: {
        terminated: {
          reason: 'Error',
          exitCode: 1,
          startedAt: iso(now - 6 * 60_000),
          finishedAt: iso(now - 5 * 60_000),
        },
      },
    };
  }
  return {
    ...base,
    ready: true,
    started: true,
    restartCount: trouble === 'oom-killed' ? 3 : 0,
    state: { running: { startedAt: iso(now - 40 * 60_000) } },
    lastState:
      trouble === 'oom-killed'
        ? {
            terminated: {
              reason: 'OOMKilled',
              exitCode: 137,
              startedAt: iso(now - 3 * 3600_000),
              finishedAt: iso(now - 40 * 60_000 - 5_000),
            },
          }
        : {},
  };
}

function pod(
  replicaSet: KubeObject,
  index: number,
  trouble: Trouble | undefined,
  now: number,
): KubeObject {
  const name = `${replicaSet.metadata.name}-${hash(
    `${replicaSet.metadata.name}/${index}`,
    5,
  )}`;
  const createdAt = Date.parse(replicaSet.metadata.creationTimestamp!);
  const template = replicaSet.spec.template;
  const ready = trouble !== 'crash-loop';
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: DEMO_NAMESPACE,
      uid: uid(`Pod/${name}`),
      creationTimestamp: iso(createdAt),
      labels: {
        ...template.metadata.labels,
        'pod-template-hash': replicaSet.metadata.labels!['pod-template-hash'],
      },
      annotations: template.metadata.annotations,
      ownerReferences: [
        {
          kind: 'ReplicaSet',
          name: replicaSet.metadata.name,
          uid: replicaSet.metadata.uid!,
        },
      ],
    },
    spec: { ...template.spec, nodeName: `demo-node-${(index % 2) + 1}` },
    status: {
      phase: 'Running',
      podIP: `10.8.${index}.${(createdAt / 1000) % 250 | 0}`,
      startTime: iso(createdAt),
      conditions: [
        { type: 'PodScheduled', status: 'True' },
        { type: 'Initialized', status: 'True' },
        { type: 'ContainersReady', status: ready ? 'True' : 'False' },
        {
          type: 'Ready',
          status: ready ? 'True' : 'False',
          ...(ready ? {} : { reason: 'ContainersNotReady' }),
        },
      ],
      containerStatuses: template.spec.containers.map((container: any) =>
        containerStatus(container, trouble, createdAt, now),
      ),
    },
  };
}

/**
 * A Deployment as the cluster reports it, with its ReplicaSets (one per
 * rollout, the last one current) and the current ReplicaSet's Pods.
 */
function rollout(manifest: KubeObject, now: number): KubeObject[] {
  const entity = manifest.metadata.name;
  const rollouts = ROLLOUTS[entity] ?? ROLLOUTS.default;
  const replicas = manifest.spec.replicas ?? REPLICAS[entity] ?? 1;
  const trouble = TROUBLE[entity];
  const current = rollouts.length;
  const deploymentMeta = labelled(
    manifest,
    entity,
    now - rollouts[0].daysAgo * DAY,
  );

  // One ReplicaSet per pod template. Going back to an earlier version
  // reuses that version's ReplicaSet, as Kubernetes does: it takes the new
  // revision number and keeps the old one in revision-history.
  const byTag = new Map<string, KubeObject>();
  rollouts.forEach(({ tag, daysAgo }, i) => {
    const revision = i + 1;
    const known = byTag.get(tag);
    if (known) {
      const annotations = known.metadata.annotations!;
      const history = annotations['deployment.kubernetes.io/revision-history'];
      annotations['deployment.kubernetes.io/revision-history'] = [
        ...(history ? history.split(',') : []),
        annotations['deployment.kubernetes.io/revision'],
      ].join(',');
      annotations['deployment.kubernetes.io/revision'] = String(revision);
      byTag.delete(tag);
      byTag.set(tag, known); // the current one last
      return;
    }
    const template = podTemplate(manifest, entity, tag);
    const templateHash = hash(JSON.stringify(template), 10);
    const name = `${entity}-${templateHash}`;
    byTag.set(tag, {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name,
        namespace: DEMO_NAMESPACE,
        uid: uid(`ReplicaSet/${name}`),
        creationTimestamp: iso(now - daysAgo * DAY),
        labels: {
          ...template.metadata.labels,
          'pod-template-hash': templateHash,
        },
        annotations: {
          'deployment.kubernetes.io/revision': String(revision),
          'deployment.kubernetes.io/desired-replicas': String(replicas),
        },
        ownerReferences: [
          { kind: 'Deployment', name: entity, uid: deploymentMeta.uid },
        ],
      },
      spec: {
        replicas: 0,
        selector: manifest.spec.selector,
        template: {
          ...template,
          metadata: {
            ...template.metadata,
            labels: {
              ...template.metadata.labels,
              'pod-template-hash': templateHash,
            },
          },
        },
      },
      status: { replicas: 0, observedGeneration: 1 },
    });
  });
  const replicaSets = [...byTag.values()];
  // Only the current ReplicaSet has pods.
  const currentSet = replicaSets[replicaSets.length - 1];
  const live = trouble === 'crash-loop' ? 0 : replicas;
  currentSet.spec.replicas = replicas;
  currentSet.status = {
    replicas,
    readyReplicas: live,
    availableReplicas: live,
    observedGeneration: 1,
  };

  const pods = Array.from({ length: replicas }, (_, i) =>
    pod(currentSet, i, trouble, now),
  );
  const available = trouble === 'crash-loop' ? 0 : replicas;
  const deployment: KubeObject = {
    ...manifest,
    metadata: {
      ...deploymentMeta,
      generation: current,
      annotations: {
        ...manifest.metadata.annotations,
        'deployment.kubernetes.io/revision': String(current),
      },
    },
    spec: {
      ...manifest.spec,
      replicas,
      template: podTemplate(manifest, entity, rollouts[current - 1].tag),
    },
    status: {
      observedGeneration: current,
      replicas,
      updatedReplicas: replicas,
      readyReplicas: available,
      availableReplicas: available,
      ...(available < replicas
        ? { unavailableReplicas: replicas - available }
        : {}),
      conditions: [
        {
          type: 'Available',
          status: available > 0 ? 'True' : 'False',
          reason:
            available > 0
              ? 'MinimumReplicasAvailable'
              : 'MinimumReplicasUnavailable',
          lastTransitionTime: iso(now - rollouts[current - 1].daysAgo * DAY),
        },
        {
          type: 'Progressing',
          status: 'True',
          reason: 'NewReplicaSetAvailable',
          message: `ReplicaSet "${currentSet.metadata.name}" has successfully progressed.`,
          lastUpdateTime: iso(
            now - rollouts[current - 1].daysAgo * DAY + 2 * 60_000,
          ),
          lastTransitionTime: iso(now - rollouts[0].daysAgo * DAY),
        },
      ],
    },
  };
  return [deployment, ...replicaSets, ...pods];
}

/** The frontend scales on CPU and is pinned at its maximum. */
function frontendAutoscaling(now: number): KubeObject[] {
  const labels = { app: 'frontend', [ENTITY_LABEL]: 'frontend' };
  return [
    {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: {
        name: 'frontend',
        namespace: DEMO_NAMESPACE,
        uid: uid('HorizontalPodAutoscaler/frontend'),
        creationTimestamp: iso(now - 29 * DAY),
        labels,
      },
      spec: {
        scaleTargetRef: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: 'frontend',
        },
        minReplicas: 2,
        maxReplicas: 3,
        metrics: [
          {
            type: 'Resource',
            resource: {
              name: 'cpu',
              target: { type: 'Utilization', averageUtilization: 70 },
            },
          },
        ],
      },
      status: {
        currentReplicas: 3,
        desiredReplicas: 3,
        currentMetrics: [
          {
            type: 'Resource',
            resource: { name: 'cpu', current: { averageUtilization: 94 } },
          },
        ],
        conditions: [
          { type: 'AbleToScale', status: 'True', reason: 'ReadyForNewScale' },
          { type: 'ScalingActive', status: 'True', reason: 'ValidMetricFound' },
          {
            type: 'ScalingLimited',
            status: 'True',
            reason: 'TooManyReplicas',
            message:
              'the desired replica count is more than the maximum replica count',
          },
        ],
      },
    },
  ];
}

/**
 * The PodDisruptionBudgets the storefront team added for the demo campaign
 * (PDBs and probes for every production service): the frontend's 16 days
 * ago, the cart service's 9. The payments team has none yet. The demo's
 * backdated check history (packages/backend, demoHistory) tells the same.
 */
function disruptionBudgets(now: number): KubeObject[] {
  const budget = (
    app: string,
    daysAgo: number,
    pods: number,
    allowed: { minAvailable: number } | { maxUnavailable: number },
  ): KubeObject => {
    const disruptionsAllowed =
      'minAvailable' in allowed
        ? pods - allowed.minAvailable
        : allowed.maxUnavailable;
    return {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: {
        name: app,
        namespace: DEMO_NAMESPACE,
        uid: uid(`PodDisruptionBudget/${app}`),
        creationTimestamp: iso(now - daysAgo * DAY),
        labels: { app, [ENTITY_LABEL]: app },
      },
      spec: { ...allowed, selector: { matchLabels: { app } } },
      status: {
        currentHealthy: pods,
        desiredHealthy: pods - disruptionsAllowed,
        expectedPods: pods,
        disruptionsAllowed,
      },
    };
  };
  // The cart service runs one replica: a budget that lets it go keeps
  // node drains possible.
  return [
    budget('frontend', 16, 3, { minAvailable: 1 }),
    budget('cartservice', 9, 1, { maxUnavailable: 1 }),
  ];
}

/**
 * Every object of the demo cluster at `now`: the Online Boutique's
 * Deployments with their rollout history (ReplicaSets) and Pods, its
 * Services, the frontend's autoscaler, and the storefront's disruption
 * budgets. Two things are wrong, as in any real cluster: paymentservice
 * crash-loops and cartservice was OOM-killed a while ago.
 */
export function demoCluster(now: number = Date.now()): KubeObject[] {
  const manifests = readDemoManifests();
  const objects: KubeObject[] = [];
  for (const manifest of manifests) {
    if (manifest.kind === 'Deployment') {
      objects.push(...rollout(manifest, now));
    } else if (manifest.kind === 'Service') {
      const entity = manifest.spec?.selector?.app ?? manifest.metadata.name;
      objects.push({
        ...manifest,
        metadata: labelled(manifest, entity, now - 29 * DAY),
        spec: {
          ...manifest.spec,
          clusterIP: `10.12.0.${objects.length % 250}`,
        },
      });
    }
  }
  objects.push(...frontendAutoscaling(now), ...disruptionBudgets(now));
  return objects;
}
