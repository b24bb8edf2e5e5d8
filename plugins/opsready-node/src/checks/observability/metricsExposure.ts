import { KubernetesObject } from '../types';
import { PodTemplateOf, podTemplatesOf } from '../kubernetes/workloads';
import { objectName } from './kubernetesObjects';

const MONITOR_KINDS = new Set(['ServiceMonitor', 'PodMonitor']);
const METRICS_PORT_NAMES = new Set(['metrics', 'http-metrics']);
const SCRAPE_ANNOTATION = 'prometheus.io/scrape';

/** One way an object makes metrics available to Prometheus. */
export interface MetricsExposure {
  object: string;
  via: string;
}

function annotatedForScraping(annotations: unknown): boolean {
  const value = (annotations as Record<string, unknown> | undefined)?.[
    SCRAPE_ANNOTATION
  ];
  return typeof value === 'string' && value.trim().toLowerCase() === 'true';
}

function metricsPortNames(podSpec: any): string[] {
  const names: string[] = [];
  if (!Array.isArray(podSpec.containers)) {
    return names;
  }
  // Loops rather than flatMap, map and filter: this runs for every pod.
  for (const container of podSpec.containers) {
    if (!Array.isArray(container?.ports)) {
      continue;
    }
    for (const port of container.ports) {
      const name = String(port?.name ?? '').toLowerCase();
      if (METRICS_PORT_NAMES.has(name)) {
        names.push(name);
      }
    }
  }
  return names;
}

/**
 * The ways a set of objects exposes metrics: a ServiceMonitor or PodMonitor,
 * the `prometheus.io/scrape: "true"` annotation on a pod template (or on a
 * Service, which the common Prometheus service-endpoints job reads), or a
 * container port named `metrics` or `http-metrics`. `workloads` are
 * `podTemplatesOf(objects)`, when the caller has them already.
 */
export function metricsExposures(
  objects: KubernetesObject[],
  workloads?: PodTemplateOf[],
): MetricsExposure[] {
  const found: MetricsExposure[] = [];
  for (const object of objects) {
    if (MONITOR_KINDS.has(object.kind)) {
      found.push({ object: objectName(object), via: `a ${object.kind}` });
    } else if (
      object.kind === 'Service' &&
      annotatedForScraping(object.metadata?.annotations)
    ) {
      found.push({
        object: objectName(object),
        via: `the ${SCRAPE_ANNOTATION} annotation`,
      });
    }
  }
  for (const { workload, podSpec, podAnnotations } of workloads ??
    podTemplatesOf(objects)) {
    if (annotatedForScraping(podAnnotations)) {
      found.push({
        object: objectName(workload),
        via: `the ${SCRAPE_ANNOTATION} annotation`,
      });
    }
    for (const name of metricsPortNames(podSpec)) {
      found.push({ object: objectName(workload), via: `port ${name}` });
    }
  }
  return found;
}
