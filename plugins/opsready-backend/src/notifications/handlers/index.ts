import { Config } from '@backstage/config';
import { CheckDescription } from '@opsready/plugin-opsready-common';
import { DomainEventHandlers } from './common';
import { complianceHandlers } from './compliance';
import { createExemptionHandlers } from './exemptions';
import { readPlatformGroups } from './platformGroups';
import { staleErrorHandlers } from './staleErrors';

export type { DomainEventHandlers } from './common';
export { complianceHandlers } from './compliance';
export { createExemptionHandlers, requesterToTell } from './exemptions';
export { readPlatformGroups } from './platformGroups';
export { staleErrorHandlers } from './staleErrors';

/**
 * The handlers of compliance, exemption and stale-error events, for the
 * notifier's table: the platform groups (who decide exemption requests)
 * from the config, check titles from the checks in force.
 */
export function triggerHandlers(deps: {
  config: Config;
  checks: () => ReadonlyArray<Pick<CheckDescription, 'id' | 'title'>>;
}): DomainEventHandlers {
  return {
    ...complianceHandlers,
    ...createExemptionHandlers({
      platformGroups: readPlatformGroups(deps.config),
      checkTitle: id => deps.checks().find(c => c.id === id)?.title,
    }),
    ...staleErrorHandlers,
  };
}
