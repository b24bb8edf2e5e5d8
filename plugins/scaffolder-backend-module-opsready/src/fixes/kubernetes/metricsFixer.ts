import { CheckFixer } from '../types';
import { addMissing } from '../yamlEdit';
import { readHelmCharts } from './helmCharts';
import {
  describe,
  listing,
  Manifests,
  PlacedWorkload,
  readManifests,
  writeEdited,
} from './manifests';

const METRICS_PORT_NAMES = new Set(['metrics', 'http-metrics']);
const SCRAPE = 'prometheus.io/scrape';

function scrapeAnnotated(annotations: any): boolean {
  return (
    String(annotations?.[SCRAPE] ?? '')
      .trim()
      .toLowerCase() === 'true'
  );
}

/** Whether the manifests already expose metrics in a way the check counts. */
function exposesMetrics({ objects, workloads }: Manifests): boolean {
  return (
    objects.some(
      ({ object }) =>
        object.kind === 'ServiceMonitor' ||
        object.kind === 'PodMonitor' ||
        (object.kind === 'Service' &&
          scrapeAnnotated(object.metadata.annotations)),
    ) ||
    workloads.some(
      workload =>
        scrapeAnnotated(workload.template.toJSON()?.metadata?.annotations) ||
        workload.containers.some(
          c =>
            !c.init &&
            (c.value.ports ?? []).some((p: any) =>
              METRICS_PORT_NAMES.has(String(p?.name ?? '').toLowerCase()),
            ),
        ),
    )
  );
}

/**
 * The port Prometheus should scrape on a workload: a container port named
 * `metrics` or `http-metrics`, else the pod's only port. `none` when it
 * declares no port, `ambiguous` when it declares several and names none.
 */
function metricsPort(workload: PlacedWorkload): number | 'none' | 'ambiguous' {
  const ports = workload.containers
    .filter(c => !c.init)
    .flatMap(c => (Array.isArray(c.value.ports) ? c.value.ports : []))
    .filter((p: any) => Number.isInteger(p?.containerPort));
  const named = ports.find((p: any) =>
    METRICS_PORT_NAMES.has(String(p.name ?? '').toLowerCase()),
  );
  if (named) {
    return named.containerPort;
  }
  if (ports.length === 0) {
    return 'none';
  }
  return ports.length === 1 ? ports[0].containerPort : 'ambiguous';
}

/**
 * Annotates the pod templates for Prometheus (`prometheus.io/scrape` and
 * `prometheus.io/port`) when nothing exposes metrics yet. A workload with
 * several ports, none named metrics, is refused: which one serves metrics
 * is not guessed. One declaring no port serves nothing and is left alone.
 */
export const metricsFixer: CheckFixer = {
  checkId: 'observability.metrics',
  summary:
    'Annotates pod templates for Prometheus to scrape, on the port named metrics or the only port.',
  apply(files) {
    const manifests = readManifests(files);
    const notEdited = readHelmCharts(files)
      .flatMap(chart => chart.workloadTemplates)
      .filter(t => !t.text.includes(SCRAPE))
      .map(t => t.path);
    if (exposesMetrics(manifests)) {
      return { changes: [] };
    }
    const workloads = manifests.workloads.filter(
      w => w.object.kind !== 'Job' && w.object.kind !== 'CronJob',
    );
    const ambiguous = workloads.filter(w => metricsPort(w) === 'ambiguous');
    if (ambiguous.length > 0) {
      return {
        changes: [],
        refused: `${listing(
          ambiguous.map(describe),
        )} declares several ports and names none of them metrics, so which one serves metrics is not guessed: name it metrics.`,
      };
    }
    const changes: string[] = [];
    for (const workload of workloads) {
      const port = metricsPort(workload);
      if (typeof port !== 'number') {
        continue;
      }
      addMissing(workload.file, workload.template, {
        metadata: {
          annotations: { [SCRAPE]: 'true', 'prometheus.io/port': String(port) },
        },
      });
      changes.push(
        `Annotated the pods of ${describe(
          workload,
        )} for Prometheus to scrape port ${port}.`,
      );
    }
    writeEdited(files, manifests.files);
    if (changes.length === 0) {
      return {
        changes: [],
        refused:
          notEdited.length > 0
            ? `The workloads are declared in Helm templates (${listing(
                notEdited,
              )}), which are not edited: add the prometheus.io annotations to the pod template there.`
            : 'No workload declares a container port, so there is no port to scrape.',
      };
    }
    if (notEdited.length > 0) {
      changes.push(
        `Left the Helm templates ${listing(
          notEdited,
        )} as they are: add the prometheus.io annotations to their pod templates by hand.`,
      );
    }
    return { changes };
  },
};
