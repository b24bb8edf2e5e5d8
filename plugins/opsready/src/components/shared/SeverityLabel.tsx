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
import { ReactElement } from 'react';

/**
 * A status icon followed by its word. Backstage's status components hide
 * themselves and their children from screen readers, so the word is put
 * beside the icon, not inside it, and is read out.
 */
function IconAndWord(props: { icon: ReactElement; word: string }) {
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center' }}>
      {props.icon}
      {props.word}
    </span>
  );
}

/** An error's severity as an icon and a word: never by colour alone. */
export function SeverityLabel({ severity }: { severity: ErrorSeverity }) {
  const label = severity[0].toUpperCase() + severity.slice(1);
  switch (severity) {
    case 'critical':
    case 'high':
      return <IconAndWord icon={<StatusError />} word={label} />;
    case 'medium':
      return <IconAndWord icon={<StatusWarning />} word={label} />;
    default:
      return <IconAndWord icon={<StatusPending />} word={label} />;
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
      return <IconAndWord icon={<StatusOK />} word={label} />;
    case 'failed':
      return <IconAndWord icon={<StatusError />} word={label} />;
    case 'started':
      return <IconAndWord icon={<StatusRunning />} word={label} />;
    default:
      return <IconAndWord icon={<StatusAborted />} word={label} />;
  }
}
