import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { opsreadyApiRef } from './api/OpsReadyApi';
import { OpsReadyClient } from './api/OpsReadyClient';
import {
  campaignRouteRef,
  campaignsRouteRef,
  rootRouteRef,
  scaffolderTaskRouteRef,
  scaffolderTemplateRouteRef,
} from './routes';

/**
 * OpsReady for apps on Backstage's legacy frontend system. Apps on the new
 * frontend system install `@opsready/plugin-opsready/alpha` instead.
 *
 * @public
 */
export const opsreadyPlugin = createPlugin({
  id: 'opsready',
  apis: [
    createApiFactory({
      api: opsreadyApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new OpsReadyClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
    campaigns: campaignsRouteRef,
    campaign: campaignRouteRef,
  },
  externalRoutes: {
    scaffolderTemplate: scaffolderTemplateRouteRef,
    scaffolderTask: scaffolderTaskRouteRef,
  },
});

/**
 * The overview card for an entity page.
 *
 * @public
 */
export const EntityOpsReadyCard = opsreadyPlugin.provide(
  createComponentExtension({
    name: 'EntityOpsReadyCard',
    component: {
      lazy: () =>
        import('./components/EntityOpsReadyCard').then(
          m => m.EntityOpsReadyCard,
        ),
    },
  }),
);

/**
 * The roll-up card for a group, system or domain page: the average score of
 * what it covers, the levels reached, the checks failing most and where the
 * score comes from.
 *
 * @public
 */
export const EntityOpsReadyRollupCard = opsreadyPlugin.provide(
  createComponentExtension({
    name: 'EntityOpsReadyRollupCard',
    component: {
      lazy: () =>
        import('./components/EntityOpsReadyRollupCard').then(
          m => m.EntityOpsReadyRollupCard,
        ),
    },
  }),
);

/**
 * The service level card for an entity page: objectives, SLIs, error
 * budget, burn-rate alerts and the burn rate beside the deployments.
 *
 * @public
 */
export const EntitySloCard = opsreadyPlugin.provide(
  createComponentExtension({
    name: 'EntitySloCard',
    component: {
      lazy: () =>
        import('./components/EntitySloCard').then(m => m.EntitySloCard),
    },
  }),
);

/**
 * The compliance tab: mount it on the entity page at `opsready-compliance`.
 *
 * @public
 */
export const EntityComplianceContent = opsreadyPlugin.provide(
  createComponentExtension({
    name: 'EntityComplianceContent',
    // Prefetched, as in ./alpha: a first click waits for the data only.
    component: {
      lazy: () =>
        import(
          /* webpackPrefetch: true */ './components/EntityComplianceContent'
        ).then(m => m.EntityComplianceContent),
    },
  }),
);

/**
 * The deployments tab: mount it on the entity page at `opsready-deployments`.
 *
 * @public
 */
export const EntityDeploymentsContent = opsreadyPlugin.provide(
  createComponentExtension({
    name: 'EntityDeploymentsContent',
    component: {
      lazy: () =>
        import(
          /* webpackPrefetch: true */ './components/EntityDeploymentsContent'
        ).then(m => m.EntityDeploymentsContent),
    },
  }),
);

/**
 * The errors tab with the service's timeline: mount it on the entity page
 * at `opsready-errors`.
 *
 * @public
 */
export const EntityErrorsContent = opsreadyPlugin.provide(
  createComponentExtension({
    name: 'EntityErrorsContent',
    component: {
      lazy: () =>
        import(
          /* webpackPrefetch: true */ './components/EntityErrorsContent'
        ).then(m => m.EntityErrorsContent),
    },
  }),
);

/**
 * A group's open campaign items: which of its entities still need
 * something, for which campaign, and the fixes. For the Group entity page.
 *
 * @public
 */
export const EntityOpsReadyCampaignItemsCard = opsreadyPlugin.provide(
  createComponentExtension({
    name: 'EntityOpsReadyCampaignItemsCard',
    component: {
      lazy: () =>
        import('./components/Campaigns').then(
          m => m.EntityOpsReadyCampaignItemsCard,
        ),
    },
  }),
);

/**
 * The OpsReady page, with the fleet and the campaigns (under `campaigns`),
 * e.g. `<Route path="/opsready" element={<OpsReadyPage />} />`.
 *
 * @public
 */
export const OpsReadyPage = opsreadyPlugin.provide(
  createRoutableExtension({
    name: 'OpsReadyPage',
    component: () =>
      import('./components/OpsReadyPage').then(m => m.OpsReadyPage),
    mountPoint: rootRouteRef,
  }),
);
