import { CheckDefinition, KubernetesObject } from '../types';
import { labelSelectorSelects } from './labelSelectors';
import {
  perReplicatedWorkload,
  ReplicatedWorkloadRule,
} from './perReplicatedWorkload';
import { PodTemplateOf, sameNamespace } from './workloads';

/** Whether a PodDisruptionBudget covers the pods of a workload. */
function budgetCovers(budget: KubernetesObject, template: PodTemplateOf) {
  return (
    budget.kind === 'PodDisruptionBudget' &&
    sameNamespace(budget, template.workload) &&
    labelSelectorSelects(budget.spec?.selector, template.podLabels, {
      // policy/v1 made an empty selector select every pod of the namespace;
      // in policy/v1beta1 it selected none.
      emptySelectsAll: budget.apiVersion === 'policy/v1',
    })
  );
}

const budgetRule: ReplicatedWorkloadRule = {
  requirement: 'A PodDisruptionBudget',
  problemOf(template, objects) {
    if (objects.some(o => budgetCovers(o, template))) {
      return undefined;
    }
    const labels = Object.entries(template.podLabels)
      .map(([key, value]) => `${key}=${value}`)
      .join(', ');
    return `has no PodDisruptionBudget selecting its pods${
      labels ? ` (${labels})` : ''
    }`;
  },
  passMessage:
    'Every production Deployment and StatefulSet has a PodDisruptionBudget selecting its pods.',
};

/** @public */
export const pdbCheck: CheckDefinition = {
  id: 'kubernetes.pdb',
  title: 'PodDisruptionBudget',
  description:
    'A production Deployment or StatefulSet has a PodDisruptionBudget selecting its pods, so node drains and cluster upgrades never evict all of them at once.',
  category: 'kubernetes',
  severity: 'medium',
  weight: 1,
  remediation: [
    "Add a PodDisruptionBudget whose selector matches the pod template's labels:",
    '```yaml',
    'apiVersion: policy/v1',
    'kind: PodDisruptionBudget',
    'metadata: { name: cart }',
    'spec:',
    '  maxUnavailable: 1',
    '  selector:',
    '    matchLabels: { app: cart }',
    '```',
    'With a single replica a budget cannot help (and `minAvailable: 1` would block drains): run two replicas first.',
  ].join('\n'),
  appliesTo: { kinds: ['Component'] },
  evaluate: (facts, context) =>
    perReplicatedWorkload(facts, context, budgetRule),
};
