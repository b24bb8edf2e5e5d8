import { CheckDefinition } from '../types';
import { listing, perContainer } from './sides';

/**
 * The settings of the Pod Security Standards "restricted" profile a
 * container lacks. Only runAsNonRoot may come from the pod's
 * securityContext (the container's own value wins when set); the others
 * exist on containers only.
 */
export function missingRestrictedSettings(
  container: any,
  podSpec: any,
): string[] {
  const own = container.securityContext ?? {};
  const pod = podSpec?.securityContext ?? {};
  const missing: string[] = [];
  if ((own.runAsNonRoot ?? pod.runAsNonRoot) !== true) {
    missing.push('runAsNonRoot: true');
  }
  if (own.allowPrivilegeEscalation !== false) {
    missing.push('allowPrivilegeEscalation: false');
  }
  // Capability names are matched exactly, as the admission check does.
  const dropped = own.capabilities?.drop;
  if (!Array.isArray(dropped) || !dropped.includes('ALL')) {
    missing.push('capabilities.drop: [ALL]');
  }
  if (own.readOnlyRootFilesystem !== true) {
    missing.push('readOnlyRootFilesystem: true');
  }
  return missing;
}

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
  evaluate: facts =>
    perContainer(facts, {
      includeInit: true,
      problemOf(container, podSpec) {
        const missing = missingRestrictedSettings(container, podSpec);
        if (container.securityContext?.privileged === true) {
          // A privileged container has every right whatever else is set.
          return `is privileged${
            missing.length ? ` and lacks ${listing(missing)}` : ''
          }`;
        }
        return missing.length ? `lacks ${listing(missing)}` : undefined;
      },
      passMessage:
        'Every container runs with the restricted security context: non-root, no privilege escalation, all capabilities dropped, read-only root filesystem.',
    }),
};
