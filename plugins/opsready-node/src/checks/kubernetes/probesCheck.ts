import { CheckDefinition } from '../types';
import { listing, perContainer } from './sides';
import { isBatch } from './workloads';

const PROBE_HANDLERS = ['httpGet', 'grpc', 'tcpSocket', 'exec'];

/**
 * What is wrong with one probe of a container, if anything. A probe without
 * a handler (only timings, say) probes nothing: Kubernetes rejects it.
 */
function probeProblem(container: any, probe: string): string | undefined {
  const value = container[probe];
  if (value === undefined || value === null) {
    return `no ${probe}`;
  }
  if (!PROBE_HANDLERS.some(handler => value?.[handler])) {
    return `a ${probe} without httpGet, grpc, tcpSocket or exec`;
  }
  return undefined;
}

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
  evaluate: facts =>
    perContainer(facts, {
      // Jobs run to completion: there is no traffic to gate, and a
      // liveness probe would only restart a run that is still working.
      concerns: workload => !isBatch(workload),
      noneConcerned:
        'Only Jobs and CronJobs were found; they run to completion and need no readiness or liveness probes.',
      problemOf(container) {
        const problems = ['readinessProbe', 'livenessProbe'].flatMap(
          probe => probeProblem(container, probe) ?? [],
        );
        return problems.length ? `has ${listing(problems)}` : undefined;
      },
      passMessage: 'Every container has a readiness and a liveness probe.',
    }),
};
