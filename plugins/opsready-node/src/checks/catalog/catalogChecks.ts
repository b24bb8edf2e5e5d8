import { CheckDefinition } from '../types';
import { dependenciesCheck } from './dependenciesCheck';
import { docsCheck } from './docsCheck';
import { lifecycleCheck } from './lifecycleCheck';
import { providedApisCheck } from './providedApisCheck';

const services = { kinds: ['Component'] };

/** @public */
export const ownerCheck: CheckDefinition = {
  id: 'catalog.owner',
  title: 'Owner set',
  description:
    'Every component names the team that answers for it, and that team exists in the catalog.',
  category: 'catalog',
  severity: 'high',
  weight: 3,
  remediation: [
    'Set `spec.owner` in `catalog-info.yaml` to the group that owns the service:',
    '```yaml',
    'spec:',
    '  owner: group:default/payments',
    '```',
    'If the owner is reported missing, check the spelling and that the Group entity is registered in the catalog.',
  ].join('\n'),
  appliesTo: services,
  evaluate({ entity, catalog }) {
    const owner = entity.spec?.owner;
    if (typeof owner !== 'string' || owner.trim() === '') {
      return { status: 'fail', message: 'No owner is set.' };
    }
    if (!catalog) {
      // Set, but not verified: a warning, never a silent pass.
      return {
        status: 'warn',
        message: `Owned by ${owner}, but the catalog could not be asked whether that owner exists.`,
        evidence: { owner },
      };
    }
    if (!catalog.ownerExists) {
      return {
        status: 'fail',
        message: `Owner ${owner} does not exist in the catalog.`,
        evidence: { owner, ownerExists: false },
      };
    }
    return {
      status: 'pass',
      message: `Owned by ${owner}.`,
      evidence: { owner, ownerExists: true },
    };
  },
};

/** @public */
export const descriptionCheck: CheckDefinition = {
  id: 'catalog.description',
  title: 'Description',
  description:
    'A one-line description tells a newcomer what the component does.',
  category: 'catalog',
  severity: 'low',
  weight: 1,
  remediation:
    'Add `metadata.description` to `catalog-info.yaml`: one sentence on what the service does for whom.',
  appliesTo: services,
  evaluate({ entity }) {
    const description = entity.metadata.description?.trim();
    if (description) {
      return {
        status: 'pass',
        message: 'Has a description.',
        evidence: { description },
      };
    }
    return { status: 'fail', message: 'No description is set.' };
  },
};

/** @public */
export const systemCheck: CheckDefinition = {
  id: 'catalog.system',
  title: 'Part of a system',
  description:
    'Components belong to a system, so that their context is one click away.',
  category: 'catalog',
  severity: 'medium',
  weight: 1,
  remediation:
    'Set `spec.system` in `catalog-info.yaml` to the system the service is part of, and declare that System entity.',
  appliesTo: services,
  evaluate({ entity }) {
    const system = entity.spec?.system;
    if (typeof system === 'string' && system.trim() !== '') {
      return {
        status: 'pass',
        message: `Part of ${system}.`,
        evidence: { system },
      };
    }
    return { status: 'fail', message: 'Not part of any system.' };
  },
};

/**
 * The catalog checks, in the order they are shown.
 *
 * @internal
 */
export const catalogChecks: CheckDefinition[] = [
  ownerCheck,
  descriptionCheck,
  systemCheck,
  lifecycleCheck,
  docsCheck,
  dependenciesCheck,
  providedApisCheck,
];
