import Tooltip from '@material-ui/core/Tooltip';
import { ReactElement } from 'react';

/**
 * What the permission policy of the demo (and the OpsReady policy module)
 * lets whom do, in the words a user sees on a control they may not use.
 */
export const notAllowedReasons = {
  runChecks:
    "Only this entity's owners and the platform team may run its checks.",
  requestExemption:
    "Only this entity's owners may ask for an exemption from its checks.",
  resolveError:
    "Only this entity's owners and the platform team may resolve its errors.",
  declareMaintenance:
    "Only this entity's owners and the platform team may declare its maintenance windows.",
  deleteMaintenance: (targetRef: string) =>
    `Only the owners of ${targetRef} and the platform team may delete its maintenance windows.`,
};

/**
 * Wraps a control the user may not use (the caller disables it) in a
 * tooltip saying why. A disabled button gets no mouse events, so the tooltip
 * hangs on a span around it.
 */
export function WhyNotAllowed(props: {
  reason?: string;
  children: ReactElement;
}) {
  const { reason, children } = props;
  if (!reason) {
    return children;
  }
  return (
    <Tooltip title={reason}>
      <span style={{ display: 'inline-block' }}>{children}</span>
    </Tooltip>
  );
}
