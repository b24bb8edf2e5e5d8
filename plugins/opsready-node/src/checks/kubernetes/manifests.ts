import { parseAllDocuments } from 'yaml';
import { KubernetesObject } from '../types';

function isKubernetesObject(value: unknown): value is KubernetesObject {
  const object = value as KubernetesObject;
  return (
    typeof object === 'object' &&
    object !== null &&
    !Array.isArray(object) &&
    typeof object.apiVersion === 'string' &&
    typeof object.kind === 'string' &&
    typeof object.metadata === 'object' &&
    object.metadata !== null &&
    typeof object.metadata.name === 'string'
  );
}

/**
 * The Kubernetes objects in a multi-document YAML file, as `kubectl apply`
 * would read them. Never throws: a manifest that cannot be read yields
 * fewer objects, not a failed evaluation.
 *
 * - `List` objects (`kind: List`, or `ServiceList` and the like, as
 *   `kubectl get -o yaml` writes them) are expanded into their items.
 * - Documents that do not parse are skipped, and so are documents holding
 *   template markers (`{{ … }}`): a Helm template that happens to parse
 *   says nothing reliable about what will run.
 * - Documents that are not Kubernetes objects (no string apiVersion, kind
 *   and metadata.name: a kustomization, a values file) are skipped.
 *
 * @public
 */
export function parseKubernetesManifests(text: string): KubernetesObject[] {
  let documents;
  try {
    // YAML 1.1, as Kubernetes reads manifests: `yes` and `on` are booleans.
    // logLevel 'error' keeps the parser from printing warnings.
    documents = parseAllDocuments(text, { version: '1.1', logLevel: 'error' });
  } catch {
    return [];
  }
  const objects: KubernetesObject[] = [];
  for (const document of Array.isArray(documents) ? documents : [documents]) {
    if (document.errors.length > 0) {
      continue;
    }
    const [start, , end] = document.range;
    if (text.slice(start, end).includes('{{')) {
      continue;
    }
    let value: unknown;
    try {
      value = document.toJS();
    } catch {
      // Too many aliases, say: a document built to exhaust the reader.
      continue;
    }
    const list = value as { kind?: unknown; items?: unknown };
    if (
      typeof list?.kind === 'string' &&
      list.kind.endsWith('List') &&
      Array.isArray(list.items)
    ) {
      objects.push(...list.items.filter(isKubernetesObject));
    } else if (isKubernetesObject(value)) {
      objects.push(value);
    }
  }
  return objects;
}
