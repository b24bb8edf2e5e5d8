import { CheckDefinition } from '../types';
import { autoscalerOf, minReplicasOf, replicasOf } from './replicas';
import {
  perReplicatedWorkload,
  ReplicatedWorkloadRule,
} from './perReplicatedWorkload';
import { describeObject } from './workloads';

const plural = (n: number) => `${n} replica${n === 1 ? '' : 's'}`;

const redundancyRule: ReplicatedWorkloadRule = {
  requirement: 'Running at least two replicas',
  problemOf({ workload }, objects) {
    const autoscaler = autoscalerOf(workload, objects);
    if (autoscaler) {
      // The autoscaler owns the replica count: whatever spec.replicas
      // says, it scales down to minReplicas when load is low.
      const min = minReplicasOf(autoscaler);
      return min < 2
        ? `is scaled by ${describeObject(
            autoscaler,
          )} down to minReplicas ${min}`
        : undefined;
    }
    const replicas = replicasOf(workload);
    return replicas < 2
      ? `runs ${plural(replicas)} and has no autoscaler`
      : undefined;
  },
  passMessage:
    'Every production Deployment and StatefulSet keeps at least two replicas.',
};

/** @public */
export const replicasCheck: CheckDefinition = {
  id: 'kubernetes.replicas',
  title: 'Redundant in production',
  description:
    'A production Deployment or StatefulSet runs at least two replicas, or an autoscaler keeps at least two, so that one pod going away (a crash, a node drain, a rollout) is not an outage.',
  category: 'kubernetes',
  severity: 'high',
  weight: 2,
  remediation: [
    'Set `spec.replicas: 2` or more:',
    '```yaml',
    'spec:',
    '  replicas: 2',
    '```',
    'or, if the workload is autoscaled, keep the autoscaler above one (it owns the replica count, so `spec.replicas` no longer counts):',
    '```yaml',
    'apiVersion: autoscaling/v2',
    'kind: HorizontalPodAutoscaler',
    'spec:',
    '  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: cart }',
    '  minReplicas: 2',
    '  maxReplicas: 6',
    '```',
  ].join('\n'),
  appliesTo: { kinds: ['Component'] },
  evaluate: (facts, context) =>
    perReplicatedWorkload(facts, context, redundancyRule),
};
