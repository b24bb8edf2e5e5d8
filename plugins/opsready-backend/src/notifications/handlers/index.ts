import { Config } from '@backstage/config';
import { CheckDescription } from '@opsready/plugin-opsready-common';
import { CampaignNoticeReads, createCampaignHandlers } from './campaigns';
import { DomainEventHandlers } from './common';
import { complianceHandlers } from './compliance';
import { createExemptionHandlers } from './exemptions';
import { readPlatformGroups } from './platformGroups';
import { staleErrorHandlers } from './staleErrors';

export type { DomainEventHandlers } from './common';
export { createCampaignHandlers } from './campaigns';
export type { CampaignNoticeReads } from './campaigns';
export { complianceHandlers } from './compliance';
export { createExemptionHandlers, requesterToTell } from './exemptions';
export { readPlatformGroups } from './platformGroups';
export { staleErrorHandlers } from './staleErrors';

/**
 * The handlers of compliance, exemption, stale-error and campaign events,
 * for the notifier's table: the platform groups (who decide exemption
 * requests) from the config, check titles from the checks in force, and
 * what campaign notices say from the campaigns, where there are any.
 */
export function triggerHandlers(deps: {
  config: Config;
  checks: () => ReadonlyArray<Pick<CheckDescription, 'id' | 'title'>>;
  campaigns?: CampaignNoticeReads;
}): DomainEventHandlers {
  return {
    ...complianceHandlers,
    ...createExemptionHandlers({
      platformGroups: readPlatformGroups(deps.config),
      checkTitle: id => deps.checks().find(c => c.id === id)?.title,
    }),
    ...staleErrorHandlers,
    ...(deps.campaigns
      ? createCampaignHandlers({ campaigns: deps.campaigns })
      : {}),
  };
}
