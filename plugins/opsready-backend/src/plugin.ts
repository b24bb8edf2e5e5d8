import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { opsreadyPermissions } from '@opsready/plugin-opsready-common';
import {
  builtInChecks,
  CheckDefinition,
  CheckRegistry,
  FactProvider,
  opsreadyChecksExtensionPoint,
  opsreadyFactProvidersExtensionPoint,
  placesOfCodeChecks,
  validateScorecards,
} from '@opsready/plugin-opsready-node';
import { ConflictError } from '@backstage/errors';
import {
  buildCampaigns,
  buildEvaluationContext,
  buildEventsContext,
  buildFixes,
  buildHealthContext,
  buildMaintenanceContext,
  factProviders,
  startHealthProbing,
  startKubernetes,
} from './buildContexts';
import type { EvaluationListener } from './campaigns/types';
import { applyCheckConfig } from './config/checksInForce';
import { readOpsReadyConfig } from './config/readOpsReadyConfig';
import { readDeclarativeChecks } from './config/readDeclarativeChecks';
import { startCheckLocations } from './checkLocations/startCheckLocations';
import { readEventsConfig } from './config/readEventsConfig';
import { buildNotifications } from './notifications/buildNotifications';
import { startNotificationScans } from './notifications/scans';
import { prepareDatabase } from './database/migrate';
import { AuthorizedExemptionsService } from './exemptions/AuthorizedExemptionsService';
import { DefaultExemptionsService } from './exemptions/ExemptionsService';
import { AuthorizedMaintenanceService } from './maintenance/AuthorizedMaintenanceService';
import { boundErrorReplies } from './service/boundErrorReplies';
import { compressResponses } from './service/compressResponses';
import { createSpecRouter } from './service/createApiRouter';
import { createEventsRouter } from './service/eventsRouter';
import { createNotificationsRouter } from './service/notificationsRouter';
import { NotificationLogReader } from './notifications/NotificationLogReader';
import { createMaintenanceRouter } from './service/maintenanceRouter';
import { createGateVerdict } from './service/gateVerdict';
import { DatabaseCampaignsStore } from './database/DatabaseCampaignsStore';
import { registerOpsReadyActions } from './actions';
import { buildSlo } from './slo/buildSlo';
import {
  buildRepositorySources,
  startSourceRefresh,
} from './sources/buildSources';
import { recordEntitySources } from './sources/recordEntitySources';
import { createRouter } from './service/router';
import { createScorecardsRouter } from './service/scorecardsRouter';
import { createRollupsRouter } from './service/rollupsRouter';
import { DatabaseRollupReads } from './database/DatabaseRollupReads';
import { RollupService } from './rollups/RollupService';
import { rollupScoring } from './rollups/rollupScorecards';
import { databasePages } from './scorecards/evaluationPages';
import { createWebhookSkipsRouter, createWebhooksRouter } from './webhooks';

/**
 * The OpsReady backend plugin.
 *
 * @public
 */
export const opsreadyPlugin = createBackendPlugin({
  pluginId: 'opsready',
  register(env) {
    const registry = new CheckRegistry(builtInChecks);
    env.registerExtensionPoint(opsreadyChecksExtensionPoint, {
      addChecks: (...checks: CheckDefinition[]) => registry.add(...checks),
    });
    const extraProviders = new Map<string, FactProvider>();
    env.registerExtensionPoint(opsreadyFactProvidersExtensionPoint, {
      addFactProvider(provider) {
        if (extraProviders.has(provider.id)) {
          throw new ConflictError(
            `An OpsReady fact provider with id '${provider.id}' is already registered`,
          );
        }
        extraProviders.set(provider.id, provider);
      },
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        urlReader: coreServices.urlReader,
        discovery: coreServices.discovery,
        lifecycle: coreServices.lifecycle,
        auth: coreServices.auth,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
        events: eventsServiceRef,
        notifications: notificationService,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init(deps) {
        const { config, logger, catalog, auth, httpAuth, permissions } = deps;
        deps.permissionsRegistry.addPermissions(opsreadyPermissions);
        // Before any store or scheduled task: replicas starting at once on
        // an empty database take turns at creating its tables.
        await prepareDatabase(deps.database, deps.scheduler);
        const settings = readOpsReadyConfig(config);
        const inCode = placesOfCodeChecks(registry.list());
        const declarative = readDeclarativeChecks(config, inCode);
        registry.add(...declarative.checks);
        const locations = await startCheckLocations(
          deps,
          new Map([...inCode, ...declarative.places]),
        );
        // Every check, whatever disables or overrides it; the checks in
        // force follow the locations as they are re-read.
        const allChecks = () => [...registry.list(), ...locations.checks()];
        let checksInForce = applyCheckConfig(allChecks(), settings);
        locations.onChange(() => {
          checksInForce = applyCheckConfig(allChecks(), settings);
        });
        validateScorecards(
          settings.scorecards,
          checksInForce.map(check => check.id),
        );
        const checks = () => checksInForce;

        // The MaintenanceCalendar the notifier holds health and error
        // notifications by; health leaves its windows out of uptime.
        const { service: maintenance } = await buildMaintenanceContext(deps);
        const health = await buildHealthContext(deps, maintenance);
        const campaignsStore = await DatabaseCampaignsStore.create({
          database: deps.database,
        });
        const notifications = await buildNotifications({
          ...deps,
          campaigns: campaignsStore,
          checks,
          maintenance,
          health: health.store,
          healthSeverity: readEventsConfig(config).healthErrorSeverity,
        });
        const { publisher, notifier } = notifications;
        // What is gathered is told before the database goes.
        if (notifier) deps.lifecycle.addShutdownHook(() => notifier.flush());
        const events = await buildEventsContext(deps, health, publisher);
        const kubernetes = await startKubernetes(deps, events);
        const slo = await buildSlo({
          ...deps,
          health: health.store,
          ingest: events.events,
          deployments: events.deployments,
        });
        const repositories = await buildRepositorySources(deps);
        const providers = factProviders(deps, {
          kubernetes,
          health,
          events,
          extra: extraProviders.values(),
          slo: slo.provider,
          repositories: repositories.sources,
        });
        // Told of each batch of evaluations: where each component lives and
        // the etag it was evaluated at are recorded; the campaign tracker
        // and the pruning of fix proposals join.
        const evaluationListeners: EvaluationListener[] = [
          recordEntitySources(repositories.store),
        ];
        const evaluation = await buildEvaluationContext(deps, {
          checks,
          providers,
          settings,
          publisher,
          listeners: evaluationListeners,
          forgetAlso: [
            refs => slo.store.deleteStatuses(refs),
            refs => repositories.store.deleteEntities(refs),
          ],
        });
        const { store, exemptions: exemptionsStore, evaluations } = evaluation;
        const { pushes } = await startSourceRefresh(deps, {
          repositories,
          evaluations,
        });
        await startNotificationScans({
          ...deps,
          publisher,
          exemptions: exemptionsStore,
          errors: events.errors,
          campaigns: campaignsStore,
        });
        await startHealthProbing(deps, health, events, publisher);
        const exemptions = new AuthorizedExemptionsService(
          new DefaultExemptionsService({
            store: exemptionsStore,
            evaluations,
            checks,
            auth,
            publisher,
            logger,
          }),
          { permissions, store: exemptionsStore, evaluations },
        );

        const campaigns = await buildCampaigns(deps, {
          store: campaignsStore,
          evaluation,
          listeners: evaluationListeners,
          checks,
          levels: settings.levels,
          publisher,
        });
        const fixes = await buildFixes(deps, {
          evaluation,
          listeners: evaluationListeners,
          checks,
          kubernetes,
        });
        // The gate's verdict, for GET /gate and for automation.
        const gateVerdict = createGateVerdict({
          evaluations,
          scorecards: settings.scorecards,
          campaigns: campaigns.reads,
        });
        const rollups = new RollupService({
          catalog,
          reads: await DatabaseRollupReads.create({ database: deps.database }),
          // The checks in force follow the check locations as they change.
          scoring: () => rollupScoring(settings.scorecards, checks()),
        });
        // What assistants may ask through the MCP actions backend.
        registerOpsReadyActions({
          actionsRegistry: deps.actionsRegistry,
          campaigns: campaigns.reads,
          compliance: (entityRef, credentials) =>
            evaluations.getEvaluation(entityRef, credentials),
          gate: gateVerdict,
          // The action leaves the burn-rate history out: the shortest
          // range keeps its range query small.
          serviceLevel: async (entityRef, credentials) =>
            slo.reads.status(
              await evaluations.readEntity(entityRef, credentials),
              1,
            ),
          rollup: (target, scorecard, credentials) =>
            rollups.rollup(target, scorecard, credentials),
        });

        // Webhooks come from tools without Backstage credentials; each
        // checks its own signature or token, and stays closed until
        // configured.
        deps.httpRouter.addAuthPolicy({
          path: '/webhooks',
          allow: 'unauthenticated',
        });
        deps.httpRouter.use(compressResponses());
        deps.httpRouter.use(createSpecRouter());
        deps.httpRouter.use(
          createWebhooksRouter({
            ingest: events.events,
            skips: events.webhookSkips,
            catalog,
            auth,
            logger,
            config,
            pushes,
          }),
        );
        deps.httpRouter.use(
          createWebhookSkipsRouter({ httpAuth, skips: events.webhookSkips }),
        );
        deps.httpRouter.use(
          createNotificationsRouter({
            httpAuth,
            reader: new NotificationLogReader({
              log: notifications.log,
              errors: events.errors,
            }),
            readEntity: (entityRef, credentials) =>
              evaluations.readEntity(entityRef, credentials),
          }),
        );
        deps.httpRouter.use(
          createEventsRouter({
            httpAuth,
            auth,
            permissions,
            catalog,
            events: events.events,
            deployments: events.deployments,
            errors: events.errors,
            provisioned: events.provisioned,
            health: health.store,
            scores: store,
            notifications: notifications.log,
            config: events.config,
            readEntity: (entityRef, credentials) =>
              evaluations.readEntity(entityRef, credentials),
          }),
        );
        deps.httpRouter.use(
          createMaintenanceRouter({
            httpAuth,
            maintenance: new AuthorizedMaintenanceService({
              maintenance,
              permissions,
              auth,
              readEntity: (entityRef, credentials) =>
                evaluations.readEntity(entityRef, credentials),
            }),
          }),
        );
        deps.httpRouter.use(
          createScorecardsRouter({
            httpAuth,
            catalog,
            evaluations: databasePages(store),
            exemptions: exemptionsStore,
            checks: allChecks,
            scoring: settings,
          }),
        );
        deps.httpRouter.use(
          createRollupsRouter({
            httpAuth,
            rollups,
          }),
        );
        deps.httpRouter.use(campaigns.router);
        deps.httpRouter.use(fixes.router);
        deps.httpRouter.use(
          slo.router({
            httpAuth,
            readEntity: (entityRef, credentials) =>
              evaluations.readEntity(entityRef, credentials),
          }),
        );
        deps.httpRouter.use(
          await createRouter({
            httpAuth,
            permissions,
            catalog,
            store,
            evaluations,
            health: health.health,
            exemptions,
            checks,
            scorecards: settings.scorecards,
            gate: gateVerdict,
          }),
        );
        deps.httpRouter.use(boundErrorReplies());
      },
    });
  },
});
