import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { readScoringConfig } from '@opsready/plugin-opsready-node';
import type { CampaignsStore } from '../../campaigns/types';
import { ErrorsStore } from '../../database/ErrorsStore';
import { ExemptionsStore } from '../../database/ExemptionsStore';
import { DomainEventPublisher } from '../types';
import { CampaignScan } from './CampaignScan';
import { ExemptionExpiryScan } from './ExemptionExpiryScan';
import { StaleErrorsScan } from './StaleErrorsScan';

export { CampaignScan } from './CampaignScan';
export { ExemptionExpiryScan } from './ExemptionExpiryScan';
export { StaleErrorsScan } from './StaleErrorsScan';

/**
 * Starts the hourly scans that publish what no request or evaluation
 * brings about: exemptions expiring or expired, critical errors left open
 * past `opsready.checks.criticalErrorMaxAgeHours`, and, where there are
 * campaigns, their launches and reminders. Each runs once per hour across
 * replicas.
 */
export async function startNotificationScans(deps: {
  scheduler: SchedulerService;
  logger: LoggerService;
  publisher: DomainEventPublisher;
  exemptions: Pick<ExemptionsStore, 'expiringExemptions'>;
  errors: Pick<ErrorsStore, 'openErrorGroupsBefore'>;
  campaigns?: Pick<CampaignsStore, 'listCampaigns'>;
  /** The root config. */
  config: Config;
}): Promise<{
  exemptionExpiry: ExemptionExpiryScan;
  staleErrors: StaleErrorsScan;
  campaigns?: CampaignScan;
}> {
  const { scheduler, logger, publisher } = deps;
  const exemptionExpiry = new ExemptionExpiryScan({
    exemptions: deps.exemptions,
    publisher,
    scheduler,
    logger,
  });
  const staleErrors = new StaleErrorsScan({
    errors: deps.errors,
    publisher,
    scheduler,
    logger,
    maxAgeHours: readScoringConfig(deps.config).options
      .criticalErrorMaxAgeHours,
  });
  const campaigns = deps.campaigns
    ? new CampaignScan({
        campaigns: deps.campaigns,
        publisher,
        scheduler,
        logger,
      })
    : undefined;
  await exemptionExpiry.start();
  await staleErrors.start();
  await campaigns?.start();
  return { exemptionExpiry, staleErrors, campaigns };
}
