import { KubernetesObject } from '../types';
import { podTemplatesOf } from '../kubernetes/workloads';
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
  const containers = Array.isArray(podSpec.containers)
    ? podSpec.containers
    : [];
  return containers
    .flatMap((container: any) =>
      Array.isArray(container?.ports) ? container.ports : [],
    )
    .map((port: any) => String(port?.name ?? '').toLowerCase())
    .filter((name: string) => METRICS_PORT_NAMES.has(name));
}

/**
 * The ways a set of objects exposes metrics: a ServiceMonitor or PodMonitor,
 * the `prometheus.io/scrape: "true"` annotation on a pod template (or on a
 * Service, which the common Prometheus service-endpoints job reads), or a
 * container port named `metrics` or `http-metrics`.
 */
export function metricsExposures(
  objects: KubernetesObject[],
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
  for (const { workload, podSpec, podAnnotations } of podTemplatesOf(objects)) {
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
