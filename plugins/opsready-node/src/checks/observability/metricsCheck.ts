import { podTemplatesOf } from '../kubernetes/workloads';
import { CheckDefinition } from '../types';
import { workloadsOn } from '../kubernetes/declaredAndLiveObjects';
import {
  kubernetesObjectSets,
  ObjectSet,
  objectName,
} from './kubernetesObjects';
import { addMetricsExposures, MetricsExposure } from './metricsExposure';

// Enough names to act on, without a wall of text for a large release.
function shortList(names: string[]): string {
  return names.length > 3
    ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`
    : names.join(', ');
}

/** @public */
export const metricsCheck: CheckDefinition = {
  id: 'observability.metrics',
  title: 'Metrics exposed',
  description:
    'The service exposes metrics for Prometheus to scrape: a scrape annotation, a ServiceMonitor or PodMonitor, or a container port named metrics.',
  category: 'observability',
  severity: 'high',
  weight: 2,
  remediation: [
    'Serve metrics (e.g. on `/metrics` with prom-client, prometheus_client, the Prometheus Go or Java client) and let Prometheus find them, either by annotating the pod template:',
    '```yaml',
    'spec:',
    '  template:',
    '    metadata:',
    '      annotations:',
    '        prometheus.io/scrape: "true"',
    '        prometheus.io/port: "9090"',
    '```',
    'or by naming the container port `metrics` and declaring a `ServiceMonitor` (Prometheus Operator) that selects it.',
  ].join('\n'),
  appliesTo: { kinds: ['Component'] },
  evaluate(facts) {
    const sets = kubernetesObjectSets(facts);
    if (sets.length === 0) {
      return {
        status: 'unknown',
        message:
          'No Kubernetes objects are known for this service (no manifests in the repository, no cluster reporting it), so where it exposes metrics cannot be checked.',
      };
    }
    // The workloads as the Kubernetes checks derived them, where they could.
    const workloadsOf = ({ side, objects }: ObjectSet) =>
      Array.isArray(objects) ? workloadsOn(facts, side) : undefined;
    const exposures: MetricsExposure[] = [];
    for (const set of sets) {
      addMetricsExposures(exposures, set.objects, set.where, workloadsOf(set));
    }
    if (exposures.length > 0) {
      const { object, via, where } = exposures[0];
      const more = exposures.length - 1;
      return {
        status: 'pass',
        message: `Metrics are exposed: ${object} ${where} through ${via}${
          more > 0 ? ` (and ${more} more)` : ''
        }.`,
        evidence: { exposures },
      };
    }
    const workloads = sets.flatMap(set =>
      (workloadsOf(set) ?? podTemplatesOf(set.objects)).map(
        ({ workload }) => `${objectName(workload)} ${set.where}`,
      ),
    );
    if (workloads.length === 0) {
      return {
        status: 'unknown',
        message:
          'The Kubernetes objects known for this service include no workload, ServiceMonitor or PodMonitor to look for metrics on.',
      };
    }
    return {
      status: 'fail',
      message: `No metrics are exposed: ${shortList(workloads)} ${
        workloads.length === 1 ? 'has' : 'have'
      } no prometheus.io/scrape annotation or port named metrics, and no ServiceMonitor or PodMonitor was found.`,
      evidence: { workloads },
    };
  },
};
