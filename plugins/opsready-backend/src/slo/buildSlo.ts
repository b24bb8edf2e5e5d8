import {
  BackstageCredentials,
  DatabaseService,
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { DatabaseSloStatusStore } from '../database/DatabaseSloStatusStore';
import { DeploymentsStore } from '../database/DeploymentsStore';
import { HealthStore } from '../database/HealthStore';
import { EventIngest } from '../events/EventIngest';
import { sloFactProvider, sloSources } from '../facts/sloFacts';
import { createSloRouter } from '../service/sloRouter';
import { BurnRateErrors } from './burnRateErrors';
import { BurnRateHistoryReader } from './burnRateHistory';
import { readSloConfig } from './readSloConfig';
import { SloReads } from './SloReads';
import { SloService } from './SloService';

/**
 * Service levels: the fact provider that measures SLIs for the checks,
 * the status each measurement stores and the burn-rate errors it opens and
 * resolves, and the API's router (given the caller's reading of entities,
 * which the evaluation service has once it is built).
 */
export async function buildSlo(deps: {
  config: Config;
  database: DatabaseService;
  logger: LoggerService;
  catalog: CatalogService;
  health: Pick<HealthStore, 'getEndpoints' | 'getRollups' | 'getTransitions'>;
  ingest: Pick<EventIngest, 'recordErrors' | 'listOpenErrors'>;
  deployments: Pick<DeploymentsStore, 'deploymentsBetween'>;
}) {
  const { config, health } = deps;
  const store = await DatabaseSloStatusStore.create({
    database: deps.database,
  });
  const service = new SloService({
    store,
    errors: new BurnRateErrors({
      ingest: deps.ingest,
      environment: readSloConfig(config).environment,
    }),
    logger: deps.logger,
  });
  const sources = sloSources(config);
  const provider = sloFactProvider(config, health, {
    sources,
    onMeasured: service.onMeasured,
  });
  const reads = new SloReads({
    store,
    specOf: sources.specOf,
    provider,
    history: new BurnRateHistoryReader({
      prometheus: sources.prometheus,
      health,
    }),
    deployments: deps.deployments,
    catalog: deps.catalog,
  });
  const router = (options: {
    httpAuth: HttpAuthService;
    readEntity(
      entityRef: string,
      credentials: BackstageCredentials,
    ): Promise<Entity>;
  }) => createSloRouter({ ...options, slo: reads });
  return { store, service, provider, reads, router };
}
export type SloContext = Awaited<ReturnType<typeof buildSlo>>;
