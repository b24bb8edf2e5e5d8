import { derived } from '../derivedFacts';
import { Side } from '../kubernetes/declaredAndLiveObjects';
import { KubernetesObject, ServiceFacts } from '../types';

/** Where Kubernetes objects were seen, as said in messages. */
export type Where = 'in the manifests' | 'in the cluster';

/** One set of objects, where it was seen, and which side of the facts holds it. */
export interface ObjectSet {
  where: Where;
  side: Side;
  objects: KubernetesObject[];
}

/**
 * The object sets the facts hold, each with where it was seen. Derived once
 * per evaluation: read-only for every caller.
 */
export function kubernetesObjectSets(facts: ServiceFacts): ObjectSet[] {
  return derived(facts, deriveObjectSets);
}

function deriveObjectSets(facts: ServiceFacts): ObjectSet[] {
  const sets: ObjectSet[] = [];
  if (facts.kubernetes?.declared) {
    sets.push({
      where: 'in the manifests',
      side: 'declared',
      objects: facts.kubernetes.declared,
    });
  }
  if (facts.kubernetes?.live) {
    sets.push({
      where: 'in the cluster',
      side: 'live',
      objects: facts.kubernetes.live,
    });
  }
  return sets;
}

/** `Kind/name`, as objects are named in messages. */
export function objectName(object: KubernetesObject): string {
  return `${object.kind}/${object.metadata?.name}`;
}
