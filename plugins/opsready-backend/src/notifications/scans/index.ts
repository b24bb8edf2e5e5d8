import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { readScoringConfig } from '@opsready/plugin-opsready-node';
import { ErrorsStore } from '../../database/ErrorsStore';
import { ExemptionsStore } from '../../database/ExemptionsStore';
import { DomainEventPublisher } from '../types';
import { ExemptionExpiryScan } from './ExemptionExpiryScan';
import { StaleErrorsScan } from './StaleErrorsScan';

export { ExemptionExpiryScan } from './ExemptionExpiryScan';
export { StaleErrorsScan } from './StaleErrorsScan';

/**
 * Starts the hourly scans that publish what no request or evaluation
 * brings about: exemptions expiring or expired, and critical errors left
 * open past `opsready.checks.criticalErrorMaxAgeHours`. Each runs once per
 * hour across replicas.
 */
export async function startNotificationScans(deps: {
  scheduler: SchedulerService;
  logger: LoggerService;
  publisher: DomainEventPublisher;
  exemptions: Pick<ExemptionsStore, 'expiringExemptions'>;
  errors: Pick<ErrorsStore, 'openErrorGroupsBefore'>;
  /** The root config. */
  config: Config;
}): Promise<{
  exemptionExpiry: ExemptionExpiryScan;
  staleErrors: StaleErrorsScan;
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
  await exemptionExpiry.start();
  await staleErrors.start();
  return { exemptionExpiry, staleErrors };
}
