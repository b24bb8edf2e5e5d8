import { Entity } from '@backstage/catalog-model';
import { KubernetesObject } from '../checks/types';

/**
 * The annotations Backstage's Kubernetes plugin links entities with; the
 * backend's Kubernetes fact source and a template's promise read them alike.
 *
 * @public
 */
export const KUBERNETES_ID_ANNOTATION = 'backstage.io/kubernetes-id';
/**
 * An equality label selector, e.g. `app=cart,tier=web`.
 *
 * @public
 */
export const KUBERNETES_LABEL_SELECTOR_ANNOTATION =
  'backstage.io/kubernetes-label-selector';
/**
 * The namespace the entity's objects are in, if only one.
 *
 * @public
 */
export const KUBERNETES_NAMESPACE_ANNOTATION =
  'backstage.io/kubernetes-namespace';

/**
 * Which objects belong to an entity, from its annotations.
 *
 * @public
 */
export interface KubernetesSelector {
  /** Labels an object must all carry. */
  labels: Record<string, string>;
  /** The namespace an object must be in, if the entity names one. */
  namespace?: string;
}

/**
 * The selector of an entity: `backstage.io/kubernetes-label-selector`
 * (equality terms, e.g. `app=cart,tier=web`) or else the
 * `backstage.io/kubernetes-id` label; undefined if it has neither.
 *
 * @public
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

/**
 * Whether an object carries every label of the selector (and its namespace).
 *
 * @public
 */
export function matchesSelector(
  object: KubernetesObject,
  selector: KubernetesSelector,
): boolean {
  if (selector.namespace && object.metadata.namespace !== selector.namespace) {
    return false;
  }
  const labels = object.metadata.labels ?? {};
  return Object.entries(selector.labels).every(([k, v]) => labels[k] === v);
}
