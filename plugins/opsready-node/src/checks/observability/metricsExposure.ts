import { KubernetesObject } from '../types';
import { PodTemplateOf, podTemplatesOf } from '../kubernetes/workloads';
import { objectName, Where } from './kubernetesObjects';

const MONITOR_KINDS = new Set(['ServiceMonitor', 'PodMonitor']);
const METRICS_PORT_NAMES = new Set(['metrics', 'http-metrics']);
const SCRAPE_ANNOTATION = 'prometheus.io/scrape';

/** One way an object makes metrics available to Prometheus, and where it was seen. */
export interface MetricsExposure {
  object: string;
  via: string;
  where: Where;
}

// The ways, said once rather than for every service.
const VIA_SCRAPE_ANNOTATION = `the ${SCRAPE_ANNOTATION} annotation`;
const VIA_MONITOR = new Map(
  [...MONITOR_KINDS].map(kind => [kind, `a ${kind}`] as const),
);
const VIA_PORT = new Map(
  [...METRICS_PORT_NAMES].map(name => [name, `port ${name}`] as const),
);

function annotatedForScraping(annotations: unknown): boolean {
  const value = (annotations as Record<string, unknown> | undefined)?.[
    SCRAPE_ANNOTATION
  ];
  // "true" as written nearly always: no need to trim and fold it.
  return (
    typeof value === 'string' &&
    (value === 'true' || value.trim().toLowerCase() === 'true')
  );
}

/** Adds a pod's container ports that are named as metrics ports. */
function addMetricsPorts(
  found: MetricsExposure[],
  object: string,
  podSpec: any,
  where: Where,
) {
  if (!Array.isArray(podSpec.containers)) {
    return;
  }
  // Loops rather than flatMap, map and filter: this runs for every pod.
  for (const container of podSpec.containers) {
    if (!Array.isArray(container?.ports)) {
      continue;
    }
    for (const port of container.ports) {
      const name = String(port?.name ?? '').toLowerCase();
      if (METRICS_PORT_NAMES.has(name)) {
        found.push({ object, via: VIA_PORT.get(name)!, where });
      }
    }
  }
}

/**
 * Adds to `found` the ways a set of objects seen `where` exposes metrics: a
 * ServiceMonitor or PodMonitor, the `prometheus.io/scrape: "true"`
 * annotation on a pod template (or on a Service, which the common
 * Prometheus service-endpoints job reads), or a container port named
 * `metrics` or `http-metrics`. `workloads` are `podTemplatesOf(objects)`,
 * when the caller has them already.
 */
export function addMetricsExposures(
  found: MetricsExposure[],
  objects: KubernetesObject[],
  where: Where,
  workloads?: PodTemplateOf[],
): void {
  for (const object of objects) {
    if (MONITOR_KINDS.has(object.kind)) {
      found.push({
        object: objectName(object),
        via: VIA_MONITOR.get(object.kind)!,
        where,
      });
    } else if (
      object.kind === 'Service' &&
      annotatedForScraping(object.metadata?.annotations)
    ) {
      found.push({
        object: objectName(object),
        via: VIA_SCRAPE_ANNOTATION,
        where,
      });
    }
  }
  for (const { workload, podSpec, podAnnotations } of workloads ??
    podTemplatesOf(objects)) {
    const object = objectName(workload);
    if (annotatedForScraping(podAnnotations)) {
      found.push({ object, via: VIA_SCRAPE_ANNOTATION, where });
    }
    addMetricsPorts(found, object, podSpec, where);
  }
}
