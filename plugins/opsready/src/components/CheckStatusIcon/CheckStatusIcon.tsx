import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import { CheckStatus } from '@opsready/plugin-opsready-common';

const labels: Record<CheckStatus, string> = {
  pass: 'Pass',
  warn: 'Warning',
  fail: 'Fail',
  error: 'Error',
  'not-applicable': 'Not applicable',
  unknown: 'Unknown',
  pending: 'Pending',
};

/**
 * A check's status as an icon and a word: never by colour alone.
 */
export function CheckStatusIcon({ status }: { status: CheckStatus }) {
  const label = labels[status];
  switch (status) {
    case 'pass':
      return <StatusOK>{label}</StatusOK>;
    case 'warn':
      return <StatusWarning>{label}</StatusWarning>;
    case 'fail':
    case 'error':
      return <StatusError>{label}</StatusError>;
    case 'unknown':
      return <StatusPending>{label}</StatusPending>;
    // Waiting for its first data: not a problem, and not in the score.
    case 'pending':
      return <StatusRunning>{label}</StatusRunning>;
    default:
      return <StatusAborted>{label}</StatusAborted>;
  }
}
