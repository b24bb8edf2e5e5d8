import { KubernetesObject } from '../types';

const WORKLOAD_KINDS = new Set([
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'Job',
  'CronJob',
]);

/** Workloads whose pods run to completion: no traffic, no probes to wait for. */
const BATCH_KINDS = new Set(['Job', 'CronJob']);

/**
 * Workloads whose replica count is set in the spec (and scaled by an HPA).
 *
 * @public
 */
export const REPLICATED_KINDS = new Set(['Deployment', 'StatefulSet']);

/**
 * A workload and the pod spec it runs. CronJobs keep theirs one level deeper
 * (spec.jobTemplate.spec.template).
 *
 * @public
 */
export interface PodTemplateOf {
  workload: KubernetesObject;
  podSpec: any;
  podAnnotations: Record<string, string>;
  /** The labels its pods get, which Services, PDBs and monitors select. */
  podLabels: Record<string, string>;
}

/**
 * The workloads among Kubernetes objects, with their pod specs. Objects
 * without a pod template (or with a malformed one) are left out.
 *
 * @internal
 */
export function podTemplatesOf(objects: KubernetesObject[]): PodTemplateOf[] {
  return objects.flatMap(workload => podTemplateOf(workload) ?? []);
}

/**
 * A workload and its pod spec, or undefined for any other object.
 *
 * @public
 */
export function podTemplateOf(
  workload: KubernetesObject,
): PodTemplateOf | undefined {
  if (!WORKLOAD_KINDS.has(workload.kind)) {
    return undefined;
  }
  const template =
    workload.kind === 'CronJob'
      ? workload.spec?.jobTemplate?.spec?.template
      : workload.spec?.template;
  if (!template?.spec || typeof template.spec !== 'object') {
    return undefined;
  }
  return {
    workload,
    podSpec: template.spec,
    podAnnotations: template.metadata?.annotations ?? {},
    podLabels: template.metadata?.labels ?? {},
  };
}

/** `Kind/name` for messages and evidence. @internal */
export function describeObject(object: KubernetesObject): string {
  return `${object.kind}/${object.metadata.name}`;
}

/** Whether a workload runs to completion (Job, CronJob) rather than serving. */
export function isBatch(workload: KubernetesObject): boolean {
  return BATCH_KINDS.has(workload.kind);
}

/** A container of a pod spec, and whether it is an init container. */
export interface ContainerOf {
  container: any;
  init: boolean;
}

/**
 * The containers of a pod spec: the app containers, and with `includeInit`
 * the init containers too (they run the same images with the same rights,
 * so security rules hold them as well; they serve nothing, so probe and
 * port rules do not). Entries that are not objects are left out.
 */
export function containersOf(
  podSpec: any,
  { includeInit = false }: { includeInit?: boolean } = {},
): ContainerOf[] {
  const containers = podSpec?.containers;
  if (
    (!includeInit || !hasItems(podSpec?.initContainers)) &&
    allObjects(containers)
  ) {
    // The usual pod: the list is made at its size at once, not grown.
    return containers.map((container: object) => ({ container, init: false }));
  }
  const found: ContainerOf[] = [];
  if (includeInit) {
    addContainers(found, podSpec?.initContainers, true);
  }
  addContainers(found, podSpec?.containers, false);
  return found;
}

function hasItems(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0;
}

/** Whether a value is a list of objects only (and no holes). */
function allObjects(value: unknown): value is object[] {
  if (!Array.isArray(value)) {
    return false;
  }
  for (let i = 0; i < value.length; i++) {
    if (typeof value[i] !== 'object' || value[i] === null) {
      return false;
    }
  }
  return true;
}

function addContainers(found: ContainerOf[], value: unknown, init: boolean) {
  if (!Array.isArray(value)) {
    return;
  }
  for (const container of value) {
    if (typeof container === 'object' && container !== null) {
      found.push({ container, init });
    }
  }
}

/**
 * Whether two objects can refer to each other by namespace. Manifests often
 * leave the namespace out (it is chosen at apply time), so a missing one
 * matches any.
 *
 * @public
 */
export function sameNamespace(a: KubernetesObject, b: KubernetesObject) {
  const left = a.metadata.namespace;
  const right = b.metadata.namespace;
  return !left || !right || left === right;
}
