import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import {
  DeploymentStatus,
  ErrorSeverity,
} from '@opsready/plugin-opsready-common';

/** An error's severity as an icon and a word: never by colour alone. */
export function SeverityLabel({ severity }: { severity: ErrorSeverity }) {
  const label = severity[0].toUpperCase() + severity.slice(1);
  switch (severity) {
    case 'critical':
    case 'high':
      return <StatusError>{label}</StatusError>;
    case 'medium':
      return <StatusWarning>{label}</StatusWarning>;
    default:
      return <StatusPending>{label}</StatusPending>;
  }
}

const deploymentLabels: Record<DeploymentStatus, string> = {
  started: 'In progress',
  succeeded: 'Succeeded',
  failed: 'Failed',
  'rolled-back': 'Rolled back',
};

/** A deployment's status as an icon and a word. */
export function DeploymentStatusLabel({
  status,
}: {
  status: DeploymentStatus;
}) {
  const label = deploymentLabels[status] ?? status;
  switch (status) {
    case 'succeeded':
      return <StatusOK>{label}</StatusOK>;
    case 'failed':
      return <StatusError>{label}</StatusError>;
    case 'started':
      return <StatusRunning>{label}</StatusRunning>;
    default:
      return <StatusAborted>{label}</StatusAborted>;
  }
}
