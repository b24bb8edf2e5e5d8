import {
  AuthService,
  BackstageCredentials,
  DatabaseService,
  DiscoveryService,
  HttpAuthService,
  LifecycleService,
  LoggerService,
  PermissionsService,
  SchedulerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { EventsService as BackstageEventsService } from '@backstage/plugin-events-node';
import { LevelDefinition } from '@opsready/plugin-opsready-common';
import { CheckDefinition, FactProvider } from '@opsready/plugin-opsready-node';
import { AuthorizedCampaignService } from './campaigns/AuthorizedCampaignService';
import { CampaignService } from './campaigns/CampaignService';
import { CampaignTracker } from './campaigns/CampaignTracker';
import type { CampaignsStore, EvaluationListener } from './campaigns/types';
import { readCampaignsConfig } from './config/readCampaignsConfig';
import { DatabaseCampaignLaunchesStore } from './database/DatabaseCampaignLaunchesStore';
import { readOpsReadyConfig } from './config/readOpsReadyConfig';
import { readHealthConfig } from './config/readHealthConfig';
import { readEventsConfig } from './config/readEventsConfig';
import { readKubernetesConfig } from './config/readKubernetesConfig';
import { readMaintenanceConfig } from './config/readMaintenanceConfig';
import { DatabaseDeploymentsStore } from './database/DatabaseDeploymentsStore';
import { DatabaseErrorsStore } from './database/DatabaseErrorsStore';
import { DatabaseEvaluationsStore } from './database/DatabaseEvaluationsStore';
import { DatabaseExemptionsStore } from './database/DatabaseExemptionsStore';
import { DatabaseFixProposalsStore } from './database/DatabaseFixProposalsStore';
import { DatabaseHealthStore } from './database/DatabaseHealthStore';
import { DatabaseMaintenanceWindowsStore } from './database/DatabaseMaintenanceWindowsStore';
import { DatabaseProvisionedEventsStore } from './database/DatabaseProvisionedEventsStore';
import { DatabaseWebhookSkipsStore } from './database/DatabaseWebhookSkipsStore';
import { EvaluationService } from './evaluation/EvaluationService';
import { EvaluationSweep } from './evaluation/EvaluationSweep';
import { EventsRetention } from './events/EventsRetention';
import { EventsService } from './events/EventsService';
import { healthTransitionsToErrors } from './events/healthErrors';
import { CatalogFactProvider } from './facts/CatalogFactProvider';
import { DeliveryFactProvider } from './facts/DeliveryFactProvider';
import { HealthFactProvider } from './facts/HealthFactProvider';
import { sloFactProvider } from './facts/sloFacts';
import { KubernetesFactProvider } from './facts/KubernetesFactProvider';
import { FixProposalsService } from './fixes/FixProposalsService';
import { pruneFixProposals } from './fixes/pruneFixProposals';
import { RepositoryFactProvider } from './facts/RepositoryFactProvider';
import type { RepositorySources } from './sources/RepositorySources';
import { startRollbackTriggers } from './rollbackTriggers/startRollbackTriggers';
import { AddressPolicy } from './health/addressPolicy';
import { HealthService } from './health/HealthService';
import { HealthSweep } from './health/HealthSweep';
import { Prober } from './health/Prober';
import { KubernetesCollector } from './kubernetes/KubernetesCollector';
import { KubernetesProxyClient } from './kubernetes/KubernetesProxyClient';
import { RunningImages } from './kubernetes/runningImages';
import { publishHealthTransitions } from './notifications/publisher';
import type { DomainEventPublisher } from './notifications/types';
import { DeploymentWindows } from './maintenance/DeploymentWindows';
import { MaintenanceService } from './maintenance/MaintenanceService';
import { SystemLookup } from './maintenance/SystemLookup';
import { createCampaignsRouter } from './service/campaignsRouter';
import { createFixesRouter } from './service/fixesRouter';

/** The core services the plugin's parts are built from. */
export interface PluginDeps {
  config: Config;
  logger: LoggerService;
  database: DatabaseService;
  scheduler: SchedulerService;
  urlReader: UrlReaderService;
  discovery: DiscoveryService;
  lifecycle: LifecycleService;
  auth: AuthService;
  catalog: CatalogService;
}

/**
 * Maintenance windows of entities and systems, and the windows deployments
 * in progress open where configured.
 */
export async function buildMaintenanceContext(
  deps: PluginDeps & { events: BackstageEventsService },
) {
  const store = await DatabaseMaintenanceWindowsStore.create({
    database: deps.database,
  });
  const service = new MaintenanceService({
    store,
    systems: new SystemLookup({
      catalog: deps.catalog,
      auth: deps.auth,
      logger: deps.logger,
    }),
  });
  await new DeploymentWindows({
    events: deps.events,
    store,
    config: readMaintenanceConfig(deps.config).deploymentWindow,
    logger: deps.logger,
  }).start();
  return { store, service };
}

/** Probe results and their history, maintenance left out of uptime. */
export async function buildHealthContext(
  deps: PluginDeps,
  maintenance?: MaintenanceService,
) {
  const config = readHealthConfig(deps.config);
  const store = await DatabaseHealthStore.create({ database: deps.database });
  return { config, store, health: new HealthService(store, maintenance) };
}
export type HealthContext = Awaited<ReturnType<typeof buildHealthContext>>;

/**
 * Deployments and errors, and the one door they come in by: the ingest
 * API, the webhooks, the Kubernetes collector and the health sweep.
 */
export async function buildEventsContext(
  deps: PluginDeps,
  health: HealthContext,
  publisher?: DomainEventPublisher,
) {
  const config = readEventsConfig(deps.config);
  const { database } = deps;
  const deployments = await DatabaseDeploymentsStore.create({ database });
  const errors = await DatabaseErrorsStore.create({ database });
  const provisioned = await DatabaseProvisionedEventsStore.create({ database });
  const events = new EventsService({
    deployments,
    errors,
    health: health.store,
    config,
    healthFailureThreshold: health.config.rules.failureThreshold,
    logger: deps.logger,
    publisher,
  });
  // What is still to be correlated is, before the database goes.
  deps.lifecycle.addShutdownHook(() => events.stop());
  const webhookSkips = await DatabaseWebhookSkipsStore.create({ database });
  await new EventsRetention({
    deployments,
    errors,
    webhookSkips,
    scheduler: deps.scheduler,
    logger: deps.logger,
    retentionDays: config.retentionDays,
  }).start();
  await startRollbackTriggers({
    ...deps,
    deployments,
    settings: config.rollbackTriggers,
    correlate: work => events.correlateAgain(work),
  });
  return { config, deployments, errors, provisioned, events, webhookSkips };
}
export type EventsContext = Awaited<ReturnType<typeof buildEventsContext>>;

/**
 * Live workloads, through the Kubernetes backend plugin where the backend
 * runs one (it reads the top-level kubernetes config).
 */
export async function startKubernetes(
  deps: PluginDeps,
  events: EventsContext,
): Promise<KubernetesProxyClient | undefined> {
  const config = readKubernetesConfig(deps.config);
  if (!config.enabled) return undefined;
  const client = new KubernetesProxyClient({
    discovery: deps.discovery,
    auth: deps.auth,
  });
  await new KubernetesCollector({
    client,
    catalog: deps.catalog,
    auth: deps.auth,
    ingest: events.events,
    store: events.deployments,
    scheduler: deps.scheduler,
    logger: deps.logger,
    config,
  }).start();
  return client;
}

/** Facts in, checks run, scores stored: on read, on refresh and on a schedule. */
export async function buildEvaluationContext(
  deps: PluginDeps,
  parts: {
    checks: () => CheckDefinition[];
    providers: FactProvider[];
    settings: ReturnType<typeof readOpsReadyConfig>;
    publisher?: DomainEventPublisher;
    /** Told of each batch of evaluations once stored; may be added to later. */
    listeners?: EvaluationListener[];
    /** What else keeps rows per entity, dropped when it leaves the catalog. */
    forgetAlso?: Array<(entityRefs: string[]) => Promise<unknown>>;
  },
) {
  const store = await DatabaseEvaluationsStore.create({
    database: deps.database,
  });
  const exemptions = await DatabaseExemptionsStore.create({
    database: deps.database,
  });
  const evaluations = new EvaluationService({
    catalog: deps.catalog,
    store,
    exemptions,
    checks: parts.checks,
    providers: () => parts.providers,
    scoring: parts.settings,
    logger: deps.logger,
    publisher: parts.publisher,
    listeners: parts.listeners,
  });
  await new EvaluationSweep({
    catalog: deps.catalog,
    auth: deps.auth,
    store,
    exemptions,
    forgetAlso: parts.forgetAlso,
    evaluations,
    scheduler: deps.scheduler,
    logger: deps.logger,
    schedule: parts.settings.schedule,
  }).start();
  return { store, exemptions, evaluations };
}
export type EvaluationContext = Awaited<
  ReturnType<typeof buildEvaluationContext>
>;

/**
 * Campaigns over their store: the tracker that keeps their progress (told
 * of every batch of evaluations, and refreshing all of them on a
 * schedule), the reads the API and automation share, and the API.
 */
export async function buildCampaigns(
  deps: PluginDeps & {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
  },
  parts: {
    store: CampaignsStore;
    evaluation: EvaluationContext;
    /** The listeners the evaluation service tells; the tracker joins them. */
    listeners: EvaluationListener[];
    checks: () => CheckDefinition[];
    levels: LevelDefinition[];
    publisher?: DomainEventPublisher;
  },
) {
  const { store, evaluation } = parts;
  const tracker = new CampaignTracker({
    store,
    catalog: deps.catalog,
    auth: deps.auth,
    evaluations: evaluation.store,
    exemptions: evaluation.exemptions,
    launches: await DatabaseCampaignLaunchesStore.create({
      database: deps.database,
    }),
    checks: parts.checks,
    levels: parts.levels,
    logger: deps.logger,
    publisher: parts.publisher,
  });
  parts.listeners.push(tracker.onEvaluated);
  await tracker.start(
    deps.scheduler,
    readCampaignsConfig(deps.config).refreshInterval,
  );
  const reads = new CampaignService({
    store,
    catalog: deps.catalog,
    track: (campaign, options) => tracker.track(campaign, options),
    logger: deps.logger,
  });
  const router = createCampaignsRouter({
    httpAuth: deps.httpAuth,
    campaigns: new AuthorizedCampaignService(reads, {
      permissions: deps.permissions,
      auth: deps.auth,
      readEntity: (entityRef, credentials) =>
        evaluation.evaluations.readEntity(entityRef, credentials),
    }),
    rules: { checks: parts.checks, levels: parts.levels },
  });
  return { reads, tracker, router };
}

/**
 * Fix proposals, dropped by the evaluation listener it joins as their
 * checks pass, and the images the clusters run; the API of both.
 */
export async function buildFixes(
  deps: PluginDeps & {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
  },
  parts: {
    evaluation: EvaluationContext;
    /** The listeners the evaluation service tells; the pruning joins them. */
    listeners: EvaluationListener[];
    checks: () => CheckDefinition[];
    kubernetes?: KubernetesProxyClient;
  },
) {
  const store = await DatabaseFixProposalsStore.create({
    database: deps.database,
  });
  parts.listeners.push(pruneFixProposals(store));
  const readEntity = (ref: string, credentials: BackstageCredentials) =>
    parts.evaluation.evaluations.readEntity(ref, credentials);
  const router = createFixesRouter({
    httpAuth: deps.httpAuth,
    proposals: new FixProposalsService({
      store,
      evaluations: parts.evaluation.store,
      permissions: deps.permissions,
      auth: deps.auth,
      readEntity,
    }),
    runningImages: new RunningImages({
      client: parts.kubernetes,
      logger: deps.logger,
      readEntity,
    }),
    checks: parts.checks,
  });
  return { store, router };
}

/** Where facts come from: the built-in sources, then the ones modules add. */
export function factProviders(
  deps: PluginDeps,
  parts: {
    kubernetes?: KubernetesProxyClient;
    health: HealthContext;
    events: EventsContext;
    extra: Iterable<FactProvider>;
    /** The SLO facts, where their measurements are followed (buildSlo). */
    slo?: FactProvider;
    repositories: RepositorySources;
  },
): FactProvider[] {
  return [
    new CatalogFactProvider({ catalog: deps.catalog, auth: deps.auth }),
    new RepositoryFactProvider({
      sources: parts.repositories,
      logger: deps.logger,
    }),
    ...(parts.kubernetes
      ? [
          new KubernetesFactProvider({
            client: parts.kubernetes,
            logger: deps.logger,
          }),
        ]
      : []),
    new HealthFactProvider(parts.health.health, {
      probing: parts.health.config.enabled,
    }),
    new DeliveryFactProvider({
      deployments: parts.events.deployments,
      errors: parts.events.errors,
      provisioned: parts.events.provisioned,
    }),
    parts.slo ?? sloFactProvider(deps.config, parts.health.store),
    ...parts.extra,
  ];
}

/** Probes the declared health endpoints on a schedule, where enabled. */
export async function startHealthProbing(
  deps: PluginDeps,
  health: HealthContext,
  events: EventsContext,
  publisher?: DomainEventPublisher,
) {
  const { config } = health;
  if (!config.enabled) return;
  const prober = new Prober({
    policy: new AddressPolicy(config.allow, { own: config.own }),
    timeoutMs: config.timeoutMs,
    maxBodyBytes: config.maxBodyBytes,
    maxRedirects: config.maxRedirects,
    headers: config.headers,
    concurrency: config.concurrency,
    suspectConcurrency: config.suspectConcurrency,
    perHostConcurrency: config.perHostConcurrency,
    retries: config.retries,
  });
  deps.lifecycle.addShutdownHook(() => prober.close());
  await new HealthSweep({
    catalog: deps.catalog,
    auth: deps.auth,
    store: health.store,
    prober,
    scheduler: deps.scheduler,
    logger: deps.logger,
    schedule: config.schedule,
    shards: config.shards,
    rules: config.rules,
    deadlineMs: config.deadlineMs,
    retentionDays: config.retentionDays,
    onTransition: healthTransitionsToErrors({
      ingest: events.events,
      severityOf: events.config.healthErrorSeverity,
    }),
    onTransitions: publisher && publishHealthTransitions(publisher),
  }).start();
}
