import { CheckDefinition } from '../types';
import { includesIgnoringCase, specString } from './entitySpec';

/** @public */
export const lifecycleCheck: CheckDefinition = {
  id: 'catalog.lifecycle',
  title: 'Known lifecycle',
  description:
    'The component declares a lifecycle the organisation recognises, so that production rules apply to what is really in production.',
  category: 'catalog',
  severity: 'medium',
  weight: 1,
  remediation: [
    'Set `spec.lifecycle` in `catalog-info.yaml` to one of the allowed lifecycles (by default `experimental`, `production` or `deprecated`):',
    '```yaml',
    'spec:',
    '  lifecycle: production',
    '```',
  ].join('\n'),
  appliesTo: { kinds: ['Component'] },
  evaluate({ entity }, { options }) {
    const allowed = options.allowedLifecycles;
    const lifecycle = specString(entity, 'lifecycle');
    if (!lifecycle) {
      return {
        status: 'fail',
        message: `No lifecycle is set; set spec.lifecycle to one of ${allowed.join(
          ', ',
        )}.`,
        evidence: { allowed },
      };
    }
    if (!includesIgnoringCase(allowed, lifecycle)) {
      return {
        status: 'fail',
        message: `Lifecycle ${lifecycle} is not one of the allowed lifecycles: ${allowed.join(
          ', ',
        )}.`,
        evidence: { lifecycle, allowed },
      };
    }
    return {
      status: 'pass',
      message: `Lifecycle ${lifecycle} is an allowed lifecycle.`,
      evidence: { lifecycle },
    };
  },
};
