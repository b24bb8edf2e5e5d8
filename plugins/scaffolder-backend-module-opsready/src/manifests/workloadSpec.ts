import { ServiceTier } from '../actions/serviceSpec';

/** What the manifests and the chart are generated from. */
export interface WorkloadSpec {
  name: string;
  /** Entity name of the owning group, for a label. */
  ownerName?: string;
  /** Entity name of the system, for the part-of label. */
  system?: string;
  tier: ServiceTier;
  /** The port the service listens on, for traffic, probes and metrics. */
  port: number;
  /** A pinned image reference (a version tag or a digest). */
  image: string;
  /** Kubernetes namespace; left out of the manifests when absent. */
  namespace?: string;
}

// A label value: at most 63 characters of [A-Za-z0-9_.-], alphanumeric at
// both ends. Entity names usually are; anything else is left out.
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)$/;

/** The labels every object of the service carries. */
export function commonLabels(spec: WorkloadSpec): Record<string, string> {
  const labels: Record<string, string> = {
    'app.kubernetes.io/name': spec.name,
    'app.kubernetes.io/managed-by': 'opsready-golden-template',
    // Links the workloads to the catalog entity (Kubernetes plugin, OpsReady).
    'backstage.io/kubernetes-id': spec.name,
    'opsready.io/tier': spec.tier,
  };
  if (spec.system && LABEL_VALUE.test(spec.system)) {
    labels['app.kubernetes.io/part-of'] = spec.system;
  }
  if (spec.ownerName && LABEL_VALUE.test(spec.ownerName)) {
    labels['opsready.io/owner'] = spec.ownerName;
  }
  return labels;
}

/** The labels that select the service's pods; never change once deployed. */
export function selectorLabels(spec: WorkloadSpec): Record<string, string> {
  return { 'app.kubernetes.io/name': spec.name };
}

/** `refund-service` as `RefundService`, for alert names. */
export function pascalCase(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map(word => word[0].toUpperCase() + word.slice(1))
    .join('');
}
