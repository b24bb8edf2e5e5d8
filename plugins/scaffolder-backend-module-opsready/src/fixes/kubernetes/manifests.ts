import { Document, isMap, isSeq, YAMLMap } from 'yaml';
import {
  isManifestPath,
  KubernetesObject,
  podTemplateOf,
} from '@opsready/plugin-opsready-node';
import { editedText, parseYamlFile, YamlFile } from '../yamlEdit';
import { FixContext, FixFiles } from '../types';

/** A Kubernetes object of the manifests, with where it is written. */
export interface PlacedObject {
  file: YamlFile;
  document: Document.Parsed;
  /** The object as plain values, for reading. */
  object: KubernetesObject;
  /** The object's mapping, for editing. */
  node: YAMLMap;
}

/** A container of a workload, as a value and as the mapping to edit. */
export interface PlacedContainer {
  name: string;
  init: boolean;
  value: any;
  node: YAMLMap;
}

/** A workload with its pod template. */
export interface PlacedWorkload extends PlacedObject {
  /** The pod template's mapping (`spec.template`, one level deeper for CronJobs). */
  template: YAMLMap;
  podSpec: any;
  podLabels: Record<string, string>;
  containers: PlacedContainer[];
}

/** The repository's manifests, as the check engine reads them. */
export interface Manifests {
  files: YamlFile[];
  objects: PlacedObject[];
  workloads: PlacedWorkload[];
}

function isObject(value: any): value is KubernetesObject {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof value.apiVersion === 'string' &&
    typeof value.kind === 'string' &&
    typeof value.metadata?.name === 'string'
  );
}

/**
 * Reads every manifest file of the repository (the paths the check engine
 * reads). Template documents are left out, as the checks leave them out; a
 * document that does not parse fails with its file and line.
 */
export function readManifests(files: FixFiles): Manifests {
  const manifests: Manifests = { files: [], objects: [], workloads: [] };
  for (const path of files.paths()) {
    if (!isManifestPath(path)) {
      continue;
    }
    // A chart's templates are Go templates, read only once rendered.
    const file = parseYamlFile(path, files.read(path) ?? '', {
      templates: /(^|\/)templates\//.test(path),
    });
    manifests.files.push(file);
    for (const { document, template } of file.documents) {
      const object = template ? undefined : document.toJS();
      if (!isObject(object) || !isMap(document.contents)) {
        continue;
      }
      const placed = { file, document, object, node: document.contents };
      manifests.objects.push(placed);
      const workload = workloadOf(placed);
      if (workload) {
        manifests.workloads.push(workload);
      }
    }
  }
  return manifests;
}

function workloadOf(placed: PlacedObject): PlacedWorkload | undefined {
  // Workloads as the checks find them: a pod template with a spec.
  if (!podTemplateOf(placed.object)) {
    return undefined;
  }
  const path =
    placed.object.kind === 'CronJob'
      ? ['spec', 'jobTemplate', 'spec', 'template']
      : ['spec', 'template'];
  const template = placed.document.getIn(path, true);
  const podSpec = placed.document.getIn([...path, 'spec'], true);
  if (!isMap(template) || !isMap(podSpec)) {
    return undefined;
  }
  const value = template.toJSON();
  const containers: PlacedContainer[] = [];
  for (const [key, init] of [
    ['initContainers', true],
    ['containers', false],
  ] as const) {
    const list = podSpec.get(key, true);
    if (!isSeq(list)) {
      continue;
    }
    for (const item of list.items) {
      if (isMap(item)) {
        const container = item.toJSON();
        containers.push({
          name: String(container.name ?? ''),
          init,
          value: container,
          node: item,
        });
      }
    }
  }
  return {
    ...placed,
    template,
    podSpec: value.spec,
    podLabels: value.metadata?.labels ?? {},
    containers,
  };
}

/** Writes back the files that were edited; returns their paths. */
export function writeEdited(files: FixFiles, manifests: YamlFile[]): string[] {
  const written: string[] = [];
  for (const file of manifests) {
    if (file.edits.length > 0) {
      files.write(file.path, editedText(file));
      written.push(file.path);
    }
  }
  return written;
}

/** `Deployment/cart in k8s/cart.yaml`, as changes name what they edit. */
export function describe(placed: PlacedObject): string {
  return `${placed.object.kind}/${placed.object.metadata.name} in ${placed.file.path}`;
}

/** `container server of Deployment/cart in k8s/cart.yaml`. */
export function describeContainer(
  workload: PlacedWorkload,
  container: PlacedContainer,
): string {
  return `${container.init ? 'init container' : 'container'} ${
    container.name
  } of ${describe(workload)}`;
}

/** Whether the entity's lifecycle is held to production rules (ignoring case). */
export function isProduction(context: FixContext): boolean {
  const lifecycle = context.entity.spec?.lifecycle;
  return (
    typeof lifecycle === 'string' &&
    context.productionLifecycles.some(
      p =>
        p.toLocaleLowerCase('en-US') === lifecycle.toLocaleLowerCase('en-US'),
    )
  );
}

/** `a, b and c`. */
export function listing(items: string[]): string {
  return items.length <= 1
    ? items.join('')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
