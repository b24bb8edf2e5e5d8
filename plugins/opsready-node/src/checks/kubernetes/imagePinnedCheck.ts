import { CheckDefinition } from '../types';
import { imagePinning, imageTag } from './imageReferences';
import {
  ContainerRule,
  containerOffences,
  describeOffences,
  perContainer,
  PerContainerRule,
  sidesOf,
} from './declaredAndLiveObjects';

/** Why an image is not pinned at all, if it is not. */
function unpinnedProblem(image: unknown): string | undefined {
  if (typeof image !== 'string' || image.trim() === '') {
    return 'names no image';
  }
  if (imagePinning(image) !== 'unpinned') {
    return undefined;
  }
  return !imageTag(image)
    ? `uses ${image}, with no tag, which means latest`
    : `uses ${image}, which moves with every push`;
}

const pinnedRule: PerContainerRule = {
  includeInit: true,
  problemOf: container => unpinnedProblem(container.image),
  passMessage: 'Every image is pinned to a version or a digest.',
};

// Pinned by the letter, yet moving: worth a warning, not a failure.
const floatingRule: ContainerRule = {
  includeInit: true,
  problemOf: container =>
    typeof container.image === 'string' &&
    imagePinning(container.image) === 'floating'
      ? `uses ${container.image}, a tag that moves with each release`
      : undefined,
};

/** @public */
export const imagePinnedCheck: CheckDefinition = {
  id: 'kubernetes.image-pinned',
  title: 'Images pinned',
  description:
    'Every image (init containers included) names a version or a digest, so that what runs is what was tested and a restart or a new node does not pull something else.',
  category: 'kubernetes',
  severity: 'high',
  weight: 2,
  remediation: [
    'Name a release, never `latest` or no tag; a digest pins the exact image:',
    '```yaml',
    'image: registry.example.com/cart:1.4.2',
    '# or',
    'image: registry.example.com/cart:1.4.2@sha256:<digest>',
    '```',
    'Tags such as `alpine` or `stable` are pinned by the letter but move with each release: they only warn, and a version tag (`7.4-alpine`) fixes that too.',
  ].join('\n'),
  appliesTo: { kinds: ['Component'] },
  evaluate(facts) {
    const outcome = perContainer(facts, pinnedRule);
    if (outcome.status !== 'pass' && outcome.status !== 'fail') {
      return outcome;
    }
    const { offences: floating } = containerOffences(
      sidesOf(facts),
      floatingRule,
    );
    if (floating.length === 0) {
      return outcome;
    }
    const evidence = { ...outcome.evidence, floating };
    if (outcome.status === 'fail') {
      return { ...outcome, evidence };
    }
    return {
      status: 'warn',
      message: `Every image has a tag, but ${describeOffences(floating)}`,
      evidence,
    };
  },
};
