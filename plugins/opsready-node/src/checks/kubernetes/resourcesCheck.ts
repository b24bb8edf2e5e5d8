import { CheckDefinition } from '../types';
import {
  perContainer,
  PerContainerRule,
  phrasesForSubsets,
} from './declaredAndLiveObjects';

const REQUIRED = [
  ['requests', 'cpu'],
  ['requests', 'memory'],
  ['limits', 'cpu'],
  ['limits', 'memory'],
] as const;

/** What a container that leaves some of them unset is said to do, by subset. */
const UNSET_PHRASES = phrasesForSubsets(
  REQUIRED.map(([group, resource]) => `${group}.${resource}`),
  unset => `sets no ${unset.join(', ')}`,
);

function isSet(value: unknown): boolean {
  return (
    (typeof value === 'string' && value.trim() !== '') ||
    typeof value === 'number'
  );
}

/** The requests and limits a container leaves unset, as a phrase; undefined if none. */
function unsetResources(container: any): string | undefined {
  let unset = 0;
  for (let bit = 0; bit < REQUIRED.length; bit++) {
    const [group, resource] = REQUIRED[bit];
    if (!isSet(container.resources?.[group]?.[resource])) {
      unset |= 1 << bit;
    }
  }
  return unset ? UNSET_PHRASES[unset] : undefined;
}

// Init containers count: the scheduler reserves the larger of their requests
// and the app containers' for the pod, and an unbounded one can starve its
// node as any other can.
const resourcesRule: PerContainerRule = {
  includeInit: true,
  problemOf: unsetResources,
  passMessage: 'Every container sets CPU and memory requests and limits.',
};

/** @public */
export const resourcesCheck: CheckDefinition = {
  id: 'kubernetes.resources',
  title: 'CPU and memory requests and limits',
  description:
    'Every container asks for the CPU and memory it needs and is held to a ceiling, so the scheduler can place it and a leak cannot starve its neighbours.',
  category: 'kubernetes',
  severity: 'medium',
  weight: 2,
  remediation: [
    'Set requests (what the container needs under normal load) and limits (the most it may take) on every container:',
    '```yaml',
    'resources:',
    '  requests: { cpu: 100m, memory: 128Mi }',
    '  limits: { cpu: 500m, memory: 256Mi }',
    '```',
    'Start from the usage your metrics show; a memory limit below the peak gets the container OOM-killed.',
  ].join('\n'),
  appliesTo: { kinds: ['Component'] },
  evaluate: facts => perContainer(facts, resourcesRule),
};
