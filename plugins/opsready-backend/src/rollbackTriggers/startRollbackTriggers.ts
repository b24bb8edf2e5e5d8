import {
  AuthService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { RollbackTriggersConfig } from '../config/readEventsConfig';
import { readPrometheusConfig } from '../config/readPrometheusConfig';
import { DeploymentsStore } from '../database/DeploymentsStore';
import { CorrelationWork } from '../events/CorrelationQueue';
import { sharedPrometheusClient } from '../prometheus/sharedPrometheusClient';
import { RollbackTriggers } from './RollbackTriggers';

/**
 * Starts the rollback triggers where a Prometheus server is configured
 * (`opsready.prometheus.servers`); without one there is nothing to read
 * and no task is scheduled.
 */
export async function startRollbackTriggers(deps: {
  config: Config;
  catalog: CatalogService;
  auth: AuthService;
  scheduler: SchedulerService;
  logger: LoggerService;
  deployments: DeploymentsStore;
  settings: RollbackTriggersConfig;
  correlate(work: CorrelationWork): Promise<void>;
}): Promise<RollbackTriggers | undefined> {
  const prometheus = readPrometheusConfig(deps.config);
  const client = sharedPrometheusClient(deps.config);
  if (!client) return undefined;
  const { catalog, auth } = deps;
  const triggers = new RollbackTriggers({
    deployments: deps.deployments,
    entities: async entityRefs => {
      const { items } = await catalog.getEntitiesByRefs(
        {
          entityRefs,
          fields: [
            'kind',
            'metadata.namespace',
            'metadata.name',
            'metadata.annotations',
          ],
        },
        { credentials: await auth.getOwnServiceCredentials() },
      );
      return items.map(item => item ?? undefined);
    },
    prometheus: {
      client,
      metrics: prometheus.metrics,
      environmentLabel: prometheus.environmentLabel,
    },
    correlate: deps.correlate,
    settings: deps.settings,
    logger: deps.logger,
  });
  await triggers.start(deps.scheduler);
  return triggers;
}
