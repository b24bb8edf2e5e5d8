import { KubernetesObject } from '../types';
import { sameNamespace } from './workloads';

/**
 * The replica count a workload's spec asks for. Kubernetes defaults a
 * missing `spec.replicas` to 1; a value that is not a count (an unrendered
 * template, say) is taken as the default too.
 */
export function replicasOf(workload: KubernetesObject): number {
  const replicas = Number(workload.spec?.replicas ?? 1);
  return Number.isInteger(replicas) && replicas >= 0 ? replicas : 1;
}

/**
 * The HorizontalPodAutoscaler among `objects` that scales this workload
 * (`spec.scaleTargetRef` names its kind and name), if any.
 */
export function autoscalerOf(
  workload: KubernetesObject,
  objects: KubernetesObject[],
): KubernetesObject | undefined {
  return objects.find(
    o =>
      o.kind === 'HorizontalPodAutoscaler' &&
      o.spec?.scaleTargetRef?.kind === workload.kind &&
      o.spec?.scaleTargetRef?.name === workload.metadata.name &&
      sameNamespace(o, workload),
  );
}

/** An autoscaler's floor; Kubernetes defaults a missing minReplicas to 1. */
export function minReplicasOf(autoscaler: KubernetesObject): number {
  const min = Number(autoscaler.spec?.minReplicas ?? 1);
  return Number.isInteger(min) && min >= 0 ? min : 1;
}
