import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import AssessmentIcon from '@material-ui/icons/Assessment';
import { opsreadyApiRef } from './api/OpsReadyApi';
import { OpsReadyClient } from './api/OpsReadyClient';
import { ENTITY_TAB_PATHS } from './components/shared/entityTabLink';
import {
  campaignRouteRef,
  campaignsRouteRef,
  rootRouteRef,
  scaffolderTaskRouteRef,
  scaffolderTemplateRouteRef,
} from './routes';

// OpsReady scores and tracks components: services, websites, libraries.
const componentsOnly = { kind: 'component' };
// Campaign items are a team's: they are shown on groups.
const groupsOnly = { kind: 'group' };
// Roll-ups are of what covers components: groups, systems and domains.
const rollupKinds = { kind: { $in: ['group', 'system', 'domain'] } };

const opsreadyApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: opsreadyApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new OpsReadyClient({ discoveryApi, fetchApi }),
    }),
});

const entityOpsReadyCard = EntityCardBlueprint.make({
  name: 'overview',
  params: {
    filter: componentsOnly,
    loader: () =>
      import('./components/EntityOpsReadyCard').then(m => (
        <m.EntityOpsReadyCard />
      )),
  },
});

const entityRollupCard = EntityCardBlueprint.make({
  name: 'rollup',
  params: {
    filter: rollupKinds,
    loader: () =>
      import('./components/EntityOpsReadyRollupCard').then(m => (
        <m.EntityOpsReadyRollupCard />
      )),
  },
});

const entitySloCard = EntityCardBlueprint.make({
  name: 'slo',
  params: {
    filter: componentsOnly,
    loader: () =>
      import('./components/EntitySloCard').then(m => <m.EntitySloCard />),
  },
});

// The tabs' code is prefetched (webpackPrefetch: the browser fetches it when
// idle, after the page's own code): a first click on a tab then waits for its
// data only, not for its chunks as well.
const entityComplianceContent = EntityContentBlueprint.make({
  name: 'compliance',
  params: {
    path: ENTITY_TAB_PATHS.compliance,
    title: 'Compliance',
    filter: componentsOnly,
    loader: () =>
      import(
        /* webpackPrefetch: true */ './components/EntityComplianceContent'
      ).then(m => <m.EntityComplianceContent />),
  },
});

const entityDeploymentsContent = EntityContentBlueprint.make({
  name: 'deployments',
  params: {
    path: ENTITY_TAB_PATHS.deployments,
    title: 'Deployments',
    filter: componentsOnly,
    loader: () =>
      import(
        /* webpackPrefetch: true */ './components/EntityDeploymentsContent'
      ).then(m => <m.EntityDeploymentsContent />),
  },
});

const entityErrorsContent = EntityContentBlueprint.make({
  name: 'errors',
  params: {
    path: ENTITY_TAB_PATHS.errors,
    title: 'Errors',
    filter: componentsOnly,
    loader: () =>
      import(
        /* webpackPrefetch: true */ './components/EntityErrorsContent'
      ).then(m => <m.EntityErrorsContent />),
  },
});

const entityCampaignItemsCard = EntityCardBlueprint.make({
  name: 'campaign-items',
  params: {
    filter: groupsOnly,
    loader: () =>
      import('./components/Campaigns').then(m => (
        <m.EntityOpsReadyCampaignItemsCard />
      )),
  },
});

// The page is mounted with the same (legacy) route ref as in the classic
// plugin: the components link to campaigns through its sub-routes in both.
const fleetPage = PageBlueprint.make({
  params: {
    path: '/opsready',
    title: 'OpsReady',
    icon: <AssessmentIcon />,
    routeRef: rootRouteRef,
    noHeader: true,
    loader: () =>
      import('./components/OpsReadyPage').then(m => <m.OpsReadyPage />),
  },
});

/**
 * OpsReady for apps on Backstage's new frontend system: the API, the
 * overview and service level cards, the compliance, deployments and errors tabs on components,
 * the campaign items card on groups, and the OpsReady page (fleet and
 * campaigns) with its sidebar item.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'opsready',
  routes: {
    root: rootRouteRef,
    campaigns: campaignsRouteRef,
    campaign: campaignRouteRef,
  },
  externalRoutes: {
    scaffolderTemplate: scaffolderTemplateRouteRef,
    scaffolderTask: scaffolderTaskRouteRef,
  },
  extensions: [
    opsreadyApi,
    entityOpsReadyCard,
    entitySloCard,
    entityRollupCard,
    entityComplianceContent,
    entityDeploymentsContent,
    entityErrorsContent,
    entityCampaignItemsCard,
    fleetPage,
  ],
});
