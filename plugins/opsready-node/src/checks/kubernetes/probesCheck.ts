import { CheckDefinition } from '../types';
import {
  listing,
  perContainer,
  PerContainerRule,
  phrasesForSubsets,
} from './declaredAndLiveObjects';
import { isBatch } from './workloads';

const PROBE_HANDLERS = ['httpGet', 'grpc', 'tcpSocket', 'exec'];

const PROBES = ['readinessProbe', 'livenessProbe'];

/**
 * What can be wrong with the probes, readiness first, a bit each: a probe
 * missing, or one without a handler (only timings, say), which probes
 * nothing: Kubernetes rejects it.
 */
const PROBE_PROBLEMS = PROBES.flatMap(probe => [
  `no ${probe}`,
  `a ${probe} without httpGet, grpc, tcpSocket or exec`,
]);

/** What a container is said to have, by subset of the problems. */
const HAS_PROBLEMS = phrasesForSubsets(
  PROBE_PROBLEMS,
  problems => `has ${listing(problems)}`,
);

/** Which of the two problems one probe has, as its bits (0 when none). */
function probeProblem(container: any, index: number): number {
  const value = container[PROBES[index]];
  const missing = 1 << (2 * index);
  if (value === undefined || value === null) {
    return missing;
  }
  return hasHandler(value) ? 0 : missing << 1;
}

function hasHandler(probe: any): boolean {
  for (const handler of PROBE_HANDLERS) {
    if (probe?.[handler]) {
      return true;
    }
  }
  return false;
}

/** What is wrong with a container's probes, as a phrase; undefined if nothing. */
function probesProblem(container: any): string | undefined {
  const problems = probeProblem(container, 0) | probeProblem(container, 1);
  return problems ? HAS_PROBLEMS[problems] : undefined;
}

const probesRule: PerContainerRule = {
  // Jobs run to completion: there is no traffic to gate, and a liveness
  // probe would only restart a run that is still working.
  concerns: workload => !isBatch(workload),
  noneConcerned:
    'Only Jobs and CronJobs were found; they run to completion and need no readiness or liveness probes.',
  problemOf: probesProblem,
  passMessage: 'Every container has a readiness and a liveness probe.',
};

/** @public */
export const probesCheck: CheckDefinition = {
  id: 'kubernetes.probes',
  title: 'Readiness and liveness probes',
  description:
    'Every container of a long-running workload tells Kubernetes when it is ready for traffic (readiness) and when it is stuck and needs a restart (liveness).',
  category: 'kubernetes',
  severity: 'high',
  weight: 3,
  remediation: [
    'Add both probes to every container (init containers and Jobs need none). Readiness gates traffic, so it may check dependencies; liveness restarts the container, so keep it to "the process answers":',
    '```yaml',
    'containers:',
    '  - name: server',
    '    readinessProbe:',
    '      httpGet: { path: /readyz, port: http }',
    '      periodSeconds: 5',
    '    livenessProbe:',
    '      httpGet: { path: /healthz, port: http }',
    '      periodSeconds: 10',
    '      failureThreshold: 3',
    '```',
    'gRPC servers can use `grpc: { port: 9090 }`, other servers `tcpSocket: { port: 5432 }` or an `exec` command.',
  ].join('\n'),
  appliesTo: { kinds: ['Component'] },
  evaluate: facts => perContainer(facts, probesRule),
};
