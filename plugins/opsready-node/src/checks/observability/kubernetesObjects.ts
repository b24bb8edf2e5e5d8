import { KubernetesObject, ServiceFacts } from '../types';

/** Where Kubernetes objects were seen, as said in messages. */
export type Where = 'in the manifests' | 'in the cluster';

/** The object sets the facts hold, each with where it was seen. */
export function kubernetesObjectSets(
  facts: ServiceFacts,
): Array<{ where: Where; objects: KubernetesObject[] }> {
  const sets: Array<{ where: Where; objects: KubernetesObject[] }> = [];
  if (facts.kubernetes?.declared) {
    sets.push({
      where: 'in the manifests',
      objects: facts.kubernetes.declared,
    });
  }
  if (facts.kubernetes?.live) {
    sets.push({ where: 'in the cluster', objects: facts.kubernetes.live });
  }
  return sets;
}

/** `Kind/name`, as objects are named in messages. */
export function objectName(object: KubernetesObject): string {
  return `${object.kind}/${object.metadata?.name}`;
}
