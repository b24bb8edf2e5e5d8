import { CheckDefinition, KubernetesObject } from '../types';
import { autoscalerOf, replicasOf } from './replicas';
import {
  noWorkloads,
  summarise,
  workloadsOn,
  WorkloadOnSide,
} from './declaredAndLiveObjects';
import {
  ContainerOf,
  describeObject,
  PodTemplateOf,
  REPLICATED_KINDS,
} from './workloads';

/** One way a running workload differs from its manifest. */
export interface Difference {
  workload: string;
  container?: string;
  field:
    | 'container'
    | 'image'
    | 'readinessProbe'
    | 'livenessProbe'
    | 'replicas';
  declared: unknown;
  live: unknown;
  /** The difference as a phrase, for the message. */
  description: string;
}

const PROBES = ['readinessProbe', 'livenessProbe'] as const;

function containersByName(template: WorkloadOnSide) {
  const byName = new Map<string, ContainerOf>();
  for (const c of template.containersWithInit) {
    byName.set(
      `${c.init ? 'init container' : 'container'} ${c.container.name}`,
      c,
    );
  }
  return byName;
}

/** How a running workload differs from its manifest. */
function compare(
  declared: WorkloadOnSide,
  live: WorkloadOnSide,
  autoscaled: boolean,
): Difference[] {
  const workload = describeObject(declared.workload);
  const differences: Difference[] = [];
  const declaredContainers = containersByName(declared);
  const liveContainers = containersByName(live);
  for (const [label, { container, init }] of declaredContainers) {
    const running = liveContainers.get(label)?.container;
    const name = String(container.name);
    if (!running) {
      differences.push({
        workload,
        container: name,
        field: 'container',
        declared: true,
        live: false,
        description: `${workload} ${label} is in the manifests but not in the cluster`,
      });
      continue;
    }
    if (running.image !== container.image) {
      differences.push({
        workload,
        container: name,
        field: 'image',
        declared: container.image,
        live: running.image,
        description: `${workload} ${label} runs ${running.image} where the manifests say ${container.image}`,
      });
    }
    // Init containers take no probes.
    for (const probe of init ? [] : PROBES) {
      const inManifests = Boolean(container[probe]);
      const inCluster = Boolean(running[probe]);
      if (inManifests !== inCluster) {
        differences.push({
          workload,
          container: name,
          field: probe,
          declared: inManifests,
          live: inCluster,
          description: inCluster
            ? `${workload} ${label} has a ${probe} in the cluster but none in the manifests`
            : `${workload} ${label} has no ${probe} in the cluster but one in the manifests`,
        });
      }
    }
  }
  for (const [label, { container }] of liveContainers) {
    if (!declaredContainers.has(label)) {
      differences.push({
        workload,
        container: String(container.name),
        field: 'container',
        declared: false,
        live: true,
        description: `${workload} ${label} runs in the cluster but is not in the manifests`,
      });
    }
  }
  // An autoscaler owns the replica count of what it scales: a running count
  // other than the manifest's is its work, not drift.
  if (REPLICATED_KINDS.has(declared.workload.kind) && !autoscaled) {
    const inManifests = replicasOf(declared.workload);
    const inCluster = replicasOf(live.workload);
    if (inManifests !== inCluster) {
      differences.push({
        workload,
        field: 'replicas',
        declared: inManifests,
        live: inCluster,
        description: `${workload} runs ${inCluster} replica${
          inCluster === 1 ? '' : 's'
        } where the manifests say ${inManifests}`,
      });
    }
  }
  return differences;
}

function isAutoscaled(
  template: PodTemplateOf,
  running: PodTemplateOf[],
  declared: KubernetesObject[],
  live: KubernetesObject[],
) {
  return (
    autoscalerOf(template.workload, declared) !== undefined ||
    running.some(r => autoscalerOf(r.workload, live) !== undefined)
  );
}

/** @public */
export const driftCheck: CheckDefinition = {
  id: 'kubernetes.drift',
  title: 'No drift from the manifests',
  description:
    'What runs in the cluster is what the repository declares: the same containers and images, the same replica count (unless an autoscaler owns it) and the same probes.',
  category: 'kubernetes',
  severity: 'medium',
  weight: 1,
  remediation: [
    'Deploy from the manifests in the repository, and only from them (a GitOps controller such as Argo CD or Flux keeps the two in step), or bring the manifests up to date with what runs:',
    '```sh',
    'kubectl diff -f k8s/',
    '```',
    'Changes made with `kubectl edit` or `kubectl set image` are lost on the next deploy, and nobody reviewed them.',
  ].join('\n'),
  appliesTo: { kinds: ['Component'] },
  evaluate(facts) {
    const declared = facts.kubernetes?.declared ?? [];
    const live = facts.kubernetes?.live ?? [];
    const declaredWorkloads = workloadsOn(facts, 'declared');
    const liveWorkloads = workloadsOn(facts, 'live');
    if (declaredWorkloads.length === 0 && liveWorkloads.length === 0) {
      return noWorkloads;
    }
    if (declaredWorkloads.length === 0) {
      return {
        status: 'unknown',
        message:
          "Drift needs the manifests too: no workload was found in the repository's manifests to compare with the cluster.",
      };
    }
    if (liveWorkloads.length === 0) {
      // The clusters were read and run nothing of this entity yet: a service
      // not deployed yet, whose drift can be judged once it is. Without live
      // facts at all the clusters could not be read: that is not known.
      return facts.kubernetes?.live
        ? {
            status: 'pending',
            message:
              'Waiting for the first deployment: no workload of this entity runs in a cluster yet to compare with the manifests.',
          }
        : {
            status: 'unknown',
            message:
              'Drift needs the cluster too: no workload of this entity was found running in a cluster to compare with the manifests.',
          };
    }
    // Several clusters may run the same workload: each copy is compared.
    const running = new Map<string, WorkloadOnSide[]>();
    for (const template of liveWorkloads) {
      const key = describeObject(template.workload);
      const copies = running.get(key);
      if (copies) {
        copies.push(template);
      } else {
        running.set(key, [template]);
      }
    }
    const differences = new Map<string, Difference>();
    const compared: string[] = [];
    const onlyInManifests: string[] = [];
    for (const template of declaredWorkloads) {
      const key = describeObject(template.workload);
      const copies = running.get(key) ?? [];
      if (copies.length === 0) {
        onlyInManifests.push(key);
        continue;
      }
      compared.push(key);
      const autoscaled = isAutoscaled(template, copies, declared, live);
      for (const copy of copies) {
        for (const difference of compare(template, copy, autoscaled)) {
          differences.set(difference.description, difference);
        }
      }
    }
    const onlyInCluster: string[] = [];
    for (const key of running.keys()) {
      if (!compared.includes(key)) {
        onlyInCluster.push(key);
      }
    }
    if (compared.length === 0) {
      return {
        status: 'unknown',
        message: `No workload of the manifests (${onlyInManifests.join(
          ', ',
        )}) runs in the cluster under the same kind and name (the cluster runs ${onlyInCluster.join(
          ', ',
        )}).`,
        evidence: { onlyInManifests, onlyInCluster },
      };
    }
    const evidence = { compared, onlyInManifests, onlyInCluster };
    if (differences.size === 0) {
      return {
        status: 'pass',
        message:
          compared.length === 1
            ? 'The one workload found both in the manifests and in the cluster runs the same images, replicas and probes.'
            : `All ${compared.length} workloads found both in the manifests and in the cluster run the same images, replicas and probes.`,
        evidence,
      };
    }
    return {
      status: 'warn',
      message: `The cluster differs from the manifests: ${summarise(
        [...differences.values()].map(d => d.description),
      )}`,
      evidence: { ...evidence, differences: [...differences.values()] },
    };
  },
};
