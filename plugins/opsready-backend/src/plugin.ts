import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { opsreadyPermissions } from '@opsready/plugin-opsready-common';
import {
  builtInChecks,
  CheckDefinition,
  CheckRegistry,
  FactProvider,
  opsreadyChecksExtensionPoint,
  opsreadyFactProvidersExtensionPoint,
} from '@opsready/plugin-opsready-node';
import { ConflictError } from '@backstage/errors';
import { applyCheckConfig } from './config/checksInForce';
import { readOpsReadyConfig } from './config/readOpsReadyConfig';
import { readHealthConfig } from './config/readHealthConfig';
import { readEventsConfig } from './config/readEventsConfig';
import { DatabaseEventsStore } from './database/DatabaseEventsStore';
import { EventsRetention } from './events/EventsRetention';
import { EventsService } from './events/EventsService';
import { healthTransitionsToErrors } from './events/healthErrors';
import { createEventsRouter } from './service/eventsRouter';
import { DatabaseHealthStore } from './database/DatabaseHealthStore';
import { DatabaseOpsReadyStore } from './database/DatabaseOpsReadyStore';
import { DeliveryFactProvider } from './facts/DeliveryFactProvider';
import { HealthFactProvider } from './facts/HealthFactProvider';
import { AddressPolicy } from './health/addressPolicy';
import { HealthService } from './health/HealthService';
import { HealthSweep } from './health/HealthSweep';
import { Prober } from './health/Prober';
import { CatalogFactProvider } from './facts/CatalogFactProvider';
import { KubernetesFactProvider } from './facts/KubernetesFactProvider';
import { readKubernetesConfig } from './config/readKubernetesConfig';
import { KubernetesCollector } from './kubernetes/KubernetesCollector';
import { KubernetesProxyClient } from './kubernetes/KubernetesProxyClient';
import { RepositoryFactProvider } from './facts/RepositoryFactProvider';
import { EvaluationService } from './evaluation/EvaluationService';
import { EvaluationSweep } from './evaluation/EvaluationSweep';
import { compressResponses } from './service/compressResponses';
import { createRouter } from './service/router';
import { createWebhookSkipsRouter, createWebhooksRouter } from './webhooks';
import { DatabaseWebhookSkipsStore } from './database/DatabaseWebhookSkipsStore';

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
      },
      async init(deps) {
        const { config, logger, catalog, auth, httpAuth, permissions } = deps;
        deps.permissionsRegistry.addPermissions(opsreadyPermissions);
        const settings = readOpsReadyConfig(config);
        const checksInForce = applyCheckConfig(registry.list(), settings);
        const checks = () => checksInForce;

        const healthConfig = readHealthConfig(config);
        const healthStore = await DatabaseHealthStore.create({
          database: deps.database,
        });
        const health = new HealthService(healthStore);

        const eventsConfig = readEventsConfig(config);
        const eventsStore = await DatabaseEventsStore.create({
          database: deps.database,
        });
        // The one door deployments and errors come in by: the ingest API,
        // the webhooks, the Kubernetes collector and the health sweep.
        const events = new EventsService({
          store: eventsStore,
          health: healthStore,
          config: eventsConfig,
          healthFailureThreshold: healthConfig.rules.failureThreshold,
          logger,
        });
        // What is still to be correlated is, before the database goes.
        deps.lifecycle.addShutdownHook(() => events.stop());
        const webhookSkips = await DatabaseWebhookSkipsStore.create({
          database: deps.database,
        });
        await new EventsRetention({
          store: eventsStore,
          webhookSkips,
          scheduler: deps.scheduler,
          logger,
          retentionDays: eventsConfig.retentionDays,
        }).start();

        // Live workloads come through the Kubernetes backend plugin, where
        // the backend runs one (it reads the top-level kubernetes config).
        const kubernetesConfig = readKubernetesConfig(config);
        const kubernetes = kubernetesConfig.enabled
          ? new KubernetesProxyClient({ discovery: deps.discovery, auth })
          : undefined;
        if (kubernetes) {
          await new KubernetesCollector({
            client: kubernetes,
            catalog,
            auth,
            ingest: events,
            store: eventsStore,
            scheduler: deps.scheduler,
            logger,
            config: kubernetesConfig,
          }).start();
        }

        const providers: FactProvider[] = [
          new CatalogFactProvider({ catalog, auth }),
          new RepositoryFactProvider({ urlReader: deps.urlReader, logger }),
          ...(kubernetes
            ? [new KubernetesFactProvider({ client: kubernetes, logger })]
            : []),
          new HealthFactProvider(health),
          new DeliveryFactProvider({ store: eventsStore }),
          ...extraProviders.values(),
        ];
        const store = await DatabaseOpsReadyStore.create({
          database: deps.database,
        });
        const evaluations = new EvaluationService({
          catalog,
          store,
          checks,
          providers: () => providers,
          scoring: settings,
          logger,
        });
        await new EvaluationSweep({
          catalog,
          auth,
          store,
          evaluations,
          scheduler: deps.scheduler,
          logger,
          schedule: settings.schedule,
        }).start();

        if (healthConfig.enabled) {
          const prober = new Prober({
            policy: new AddressPolicy(healthConfig.allow),
            timeoutMs: healthConfig.timeoutMs,
            maxBodyBytes: healthConfig.maxBodyBytes,
            maxRedirects: healthConfig.maxRedirects,
            headers: healthConfig.headers,
            concurrency: healthConfig.concurrency,
            perHostConcurrency: healthConfig.perHostConcurrency,
            retries: healthConfig.retries,
          });
          deps.lifecycle.addShutdownHook(() => prober.close());
          await new HealthSweep({
            catalog,
            auth,
            store: healthStore,
            prober,
            scheduler: deps.scheduler,
            logger,
            schedule: healthConfig.schedule,
            shards: healthConfig.shards,
            rules: healthConfig.rules,
            deadlineMs: healthConfig.deadlineMs,
            retentionDays: healthConfig.retentionDays,
            onTransition: healthTransitionsToErrors({
              ingest: events,
              severityOf: eventsConfig.healthErrorSeverity,
            }),
          }).start();
        }

        // Webhooks come from tools without Backstage credentials; each
        // checks its own signature or token, and stays closed until
        // configured.
        deps.httpRouter.addAuthPolicy({
          path: '/webhooks',
          allow: 'unauthenticated',
        });
        deps.httpRouter.use(compressResponses());
        deps.httpRouter.use(
          createWebhooksRouter({
            ingest: events,
            skips: webhookSkips,
            catalog,
            auth,
            logger,
            config,
          }),
        );
        deps.httpRouter.use(
          createWebhookSkipsRouter({ httpAuth, skips: webhookSkips }),
        );
        deps.httpRouter.use(
          createEventsRouter({
            httpAuth,
            permissions,
            catalog,
            events,
            store: eventsStore,
            health: healthStore,
            scores: store,
            config: eventsConfig,
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
            health,
            checks,
            levels: settings.levels,
          }),
        );
      },
    });
  },
});
