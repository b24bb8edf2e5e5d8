import { CheckDefinition } from '../types';
import {
  listing,
  perContainer,
  PerContainerRule,
  phrasesForSubsets,
} from './declaredAndLiveObjects';

const RESTRICTED_SETTINGS = [
  'runAsNonRoot: true',
  'allowPrivilegeEscalation: false',
  'capabilities.drop: [ALL]',
  'readOnlyRootFilesystem: true',
];

/**
 * The settings of the Pod Security Standards "restricted" profile a
 * container lacks, a bit each in the order above. Only runAsNonRoot may
 * come from the pod's securityContext (the container's own value wins when
 * set); the others exist on containers only.
 */
function missingSettings(container: any, podSpec: any): number {
  const own = container.securityContext ?? {};
  const pod = podSpec?.securityContext ?? {};
  let missing = 0;
  if ((own.runAsNonRoot ?? pod.runAsNonRoot) !== true) {
    missing |= 1;
  }
  if (own.allowPrivilegeEscalation !== false) {
    missing |= 2;
  }
  // Capability names are matched exactly, as the admission check does.
  const dropped = own.capabilities?.drop;
  if (!Array.isArray(dropped) || !dropped.includes('ALL')) {
    missing |= 4;
  }
  if (own.readOnlyRootFilesystem !== true) {
    missing |= 8;
  }
  return missing;
}

/** The settings of the "restricted" profile a container lacks, by name. */
export function missingRestrictedSettings(
  container: any,
  podSpec: any,
): string[] {
  const missing = missingSettings(container, podSpec);
  return RESTRICTED_SETTINGS.filter((_, bit) => missing & (1 << bit));
}

/** What a container is said to lack, by subset of the settings. */
const LACKS = phrasesForSubsets(
  RESTRICTED_SETTINGS,
  missing => `lacks ${listing(missing)}`,
);
// A privileged container has every right whatever else is set.
const PRIVILEGED_AND_LACKS = phrasesForSubsets(
  RESTRICTED_SETTINGS,
  missing =>
    `is privileged${missing.length ? ` and lacks ${listing(missing)}` : ''}`,
);

const restrictedRule: PerContainerRule = {
  includeInit: true,
  problemOf(container, podSpec) {
    const missing = missingSettings(container, podSpec);
    if (container.securityContext?.privileged === true) {
      return PRIVILEGED_AND_LACKS[missing];
    }
    return missing ? LACKS[missing] : undefined;
  },
  passMessage:
    'Every container runs with the restricted security context: non-root, no privilege escalation, all capabilities dropped, read-only root filesystem.',
};

/** @public */
export const securityContextCheck: CheckDefinition = {
  id: 'kubernetes.security-context',
  title: 'Restricted security context',
  description:
    'Every container (init containers included) runs as the Pod Security Standards "restricted" profile asks: not as root, without privilege escalation, with all capabilities dropped, on a read-only root filesystem.',
  category: 'kubernetes',
  severity: 'high',
  weight: 2,
  remediation: [
    'Set on every container (`runAsNonRoot` may be set once on the pod instead):',
    '```yaml',
    'securityContext:',
    '  runAsNonRoot: true',
    '  allowPrivilegeEscalation: false',
    '  readOnlyRootFilesystem: true',
    '  capabilities:',
    '    drop: [ALL]',
    '```',
    'The image must then run as a non-root user (`USER 10001` in the Dockerfile, or `runAsUser`), and paths it writes to need an `emptyDir` volume.',
  ].join('\n'),
  appliesTo: { kinds: ['Component'] },
  evaluate: facts => perContainer(facts, restrictedRule),
};
