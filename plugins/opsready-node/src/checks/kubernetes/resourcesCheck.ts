import { CheckDefinition } from '../types';
import { perContainer } from './sides';

const REQUIRED = [
  ['requests', 'cpu'],
  ['requests', 'memory'],
  ['limits', 'cpu'],
  ['limits', 'memory'],
] as const;

function isSet(value: unknown): boolean {
  return (
    (typeof value === 'string' && value.trim() !== '') ||
    typeof value === 'number'
  );
}

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
  evaluate: facts =>
    perContainer(facts, {
      problemOf(container) {
        const missing = REQUIRED.filter(
          ([group, resource]) =>
            !isSet(container.resources?.[group]?.[resource]),
        ).map(([group, resource]) => `${group}.${resource}`);
        return missing.length ? `sets no ${missing.join(', ')}` : undefined;
      },
      passMessage: 'Every container sets CPU and memory requests and limits.',
    }),
};
