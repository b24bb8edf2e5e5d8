import type { NotificationSeverity } from '@backstage/plugin-notifications-common';
import type { ErrorSeverity } from '@opsready/plugin-opsready-common';

/** An error's severity as a notification's: medium is a normal one. */
export function notificationSeverity(
  severity: ErrorSeverity,
): NotificationSeverity {
  return severity === 'medium' ? 'normal' : severity;
}
