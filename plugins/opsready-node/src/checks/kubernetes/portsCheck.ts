import { CheckDefinition, KubernetesObject } from '../types';
import { mapSelects } from './labelSelectors';
import {
  hasWorkloads,
  listing,
  noWorkloads,
  Offence,
  sidesOf,
  verdict,
} from './sides';
import {
  containersOf,
  describeObject,
  isBatch,
  PodTemplateOf,
  sameNamespace,
} from './workloads';

/** The port numbers and names the containers of some workloads declare. */
function declaredPorts(workloads: PodTemplateOf[]) {
  const numbers = new Set<number>();
  const names = new Set<string>();
  for (const { podSpec } of workloads) {
    for (const { container } of containersOf(podSpec)) {
      for (const port of Array.isArray(container.ports)
        ? container.ports
        : []) {
        if (port?.containerPort !== undefined) {
          numbers.add(Number(port.containerPort));
        }
        if (typeof port?.name === 'string' && port.name) {
          names.add(port.name);
        }
      }
    }
  }
  return { numbers, names };
}

/**
 * What is wrong with the ports of one Service whose selector matches these
 * workloads: each `targetPort` (which defaults to `port`) must be a port
 * number or name their containers declare.
 */
function serviceProblems(
  service: KubernetesObject,
  workloads: PodTemplateOf[],
): string[] {
  const { numbers, names } = declaredPorts(workloads);
  const targets = listing(workloads.map(w => describeObject(w.workload)));
  const ports = Array.isArray(service.spec?.ports) ? service.spec.ports : [];
  return ports.flatMap((port: any) => {
    const target = port?.targetPort ?? port?.port;
    if (target === undefined || target === null || target === '') {
      return [];
    }
    if (/^\d+$/.test(String(target))) {
      return numbers.has(Number(target))
        ? []
        : [`targets port ${target}, which no container of ${targets} declares`];
    }
    return names.has(String(target))
      ? []
      : [
          `targets the port named ${target}, which no container of ${targets} declares`,
        ];
  });
}

/** @public */
export const portsCheck: CheckDefinition = {
  id: 'kubernetes.ports',
  title: 'Ports declared and matched',
  description:
    'Every container of a long-running workload declares the ports it listens on, and every Service selecting its pods targets one of them, so traffic reaches a port that is really open.',
  category: 'kubernetes',
  severity: 'medium',
  weight: 1,
  remediation: [
    'Declare each port the container listens on, with a name, and point the Service at that name:',
    '```yaml',
    '# Deployment, in the container',
    'ports:',
    '  - name: http',
    '    containerPort: 8080',
    '---',
    '# Service',
    'ports:',
    '  - port: 80',
    '    targetPort: http',
    '```',
    'A `targetPort` left out defaults to `port`, so it must then equal a declared `containerPort`.',
  ].join('\n'),
  appliesTo: { kinds: ['Component'] },
  evaluate(facts) {
    const sides = sidesOf(facts);
    if (!hasWorkloads(sides)) {
      return noWorkloads;
    }
    const offences: Offence[] = [];
    let servingWorkloads = 0;
    let checked = 0;
    for (const { side, objects, workloads } of sides) {
      // Jobs serve nothing: they have no ports to declare.
      const serving = workloads.filter(w => !isBatch(w.workload));
      servingWorkloads += serving.length;
      for (const { workload, podSpec } of serving) {
        for (const { container } of containersOf(podSpec)) {
          checked += 1;
          const declaresPort =
            Array.isArray(container.ports) &&
            container.ports.some((p: any) => p?.containerPort !== undefined);
          if (!declaresPort) {
            offences.push({
              side,
              object: describeObject(workload),
              container: String(container.name ?? '(unnamed)'),
              problem: 'declares no containerPort',
            });
          }
        }
      }
      for (const service of objects.filter(o => o.kind === 'Service')) {
        const selected = serving.filter(
          w =>
            sameNamespace(service, w.workload) &&
            mapSelects(service.spec?.selector, w.podLabels),
        );
        if (selected.length === 0) {
          // Not a Service of these workloads (or one without a selector,
          // whose endpoints are managed by hand): nothing to match.
          continue;
        }
        checked += 1;
        for (const problem of serviceProblems(service, selected)) {
          offences.push({ side, object: describeObject(service), problem });
        }
      }
    }
    if (servingWorkloads === 0) {
      return {
        status: 'not-applicable',
        message:
          'Only Jobs and CronJobs were found; they serve no traffic and need no ports.',
      };
    }
    return verdict(
      sides,
      offences,
      checked,
      'Every container declares its ports and every Service targets a declared port.',
    );
  },
};
