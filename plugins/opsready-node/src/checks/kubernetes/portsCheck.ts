import { CheckDefinition, KubernetesObject } from '../types';
import { mapSelects } from './labelSelectors';
import {
  hasWorkloads,
  listing,
  noWorkloads,
  Offence,
  sidesOf,
  verdict,
  WorkloadOnSide,
} from './declaredAndLiveObjects';
import { describeObject, isBatch, sameNamespace } from './workloads';

/*
 * Ports are searched for rather than collected into sets: a Service has a
 * port or two, and the workloads it selects a container or two.
 */

/** Whether a container of these workloads declares this port number. */
function declaresPortNumber(workloads: WorkloadOnSide[], number: number) {
  for (const { containers } of workloads) {
    for (const { container } of containers) {
      for (const port of Array.isArray(container.ports)
        ? container.ports
        : []) {
        if (
          port?.containerPort !== undefined &&
          Number(port.containerPort) === number
        ) {
          return true;
        }
      }
    }
  }
  return false;
}

/** Whether a container of these workloads declares a port of this name. */
function declaresPortName(workloads: WorkloadOnSide[], name: string) {
  for (const { containers } of workloads) {
    for (const { container } of containers) {
      for (const port of Array.isArray(container.ports)
        ? container.ports
        : []) {
        if (
          typeof port?.name === 'string' &&
          port.name !== '' &&
          port.name === name
        ) {
          return true;
        }
      }
    }
  }
  return false;
}

/** The workloads, for a message: "Deployment/cart and StatefulSet/cart". */
function describeWorkloads(workloads: WorkloadOnSide[]): string {
  return listing(workloads.map(w => describeObject(w.workload)));
}

const PORT_NUMBER = /^\d+$/;

/**
 * What is wrong with the ports of one Service whose selector matches these
 * workloads: each `targetPort` (which defaults to `port`) must be a port
 * number or name their containers declare.
 */
function serviceProblems(
  service: KubernetesObject,
  workloads: WorkloadOnSide[],
): string[] {
  const problems: string[] = [];
  const ports = Array.isArray(service.spec?.ports) ? service.spec.ports : [];
  for (const port of ports) {
    const target = port?.targetPort ?? port?.port;
    if (target === undefined || target === null || target === '') {
      continue;
    }
    // The workloads are only named in a sentence when something is wrong.
    if (PORT_NUMBER.test(String(target))) {
      if (!declaresPortNumber(workloads, Number(target))) {
        problems.push(
          `targets port ${target}, which no container of ${describeWorkloads(
            workloads,
          )} declares`,
        );
      }
    } else if (!declaresPortName(workloads, String(target))) {
      problems.push(
        `targets the port named ${target}, which no container of ${describeWorkloads(
          workloads,
        )} declares`,
      );
    }
  }
  return problems;
}

function selects(service: KubernetesObject, w: WorkloadOnSide): boolean {
  return (
    sameNamespace(service, w.workload) &&
    mapSelects(service.spec?.selector, w.podLabels)
  );
}

/**
 * The serving workloads whose pods a Service selects. A Service usually
 * selects all of them or none, and then no new list is made.
 */
function selectedBy(
  service: KubernetesObject,
  serving: WorkloadOnSide[],
): WorkloadOnSide[] {
  let count = 0;
  for (const w of serving) {
    if (selects(service, w)) {
      count += 1;
    }
  }
  if (count === serving.length || count === 0) {
    return count === 0 ? [] : serving;
  }
  return serving.filter(w => selects(service, w));
}

/** The workloads that serve traffic: all but Jobs and CronJobs. */
function servingAmong(workloads: WorkloadOnSide[]): WorkloadOnSide[] {
  return workloads.some(w => isBatch(w.workload))
    ? workloads.filter(w => !isBatch(w.workload))
    : workloads; // The usual case, with no new list.
}

/** Whether a container declares a port it listens on. */
function declaresContainerPort(container: any): boolean {
  if (!Array.isArray(container.ports)) {
    return false;
  }
  for (const port of container.ports) {
    if (port?.containerPort !== undefined) {
      return true;
    }
  }
  return false;
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
      const serving = servingAmong(workloads);
      servingWorkloads += serving.length;
      for (const { workload, containers } of serving) {
        for (const { container } of containers) {
          checked += 1;
          if (!declaresContainerPort(container)) {
            offences.push({
              side,
              object: describeObject(workload),
              container: String(container.name ?? '(unnamed)'),
              problem: 'declares no containerPort',
            });
          }
        }
      }
      for (const service of objects) {
        // `?.` passes over holes in the list, as filtering it did.
        if (service?.kind !== 'Service') {
          continue;
        }
        const selected = selectedBy(service, serving);
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
