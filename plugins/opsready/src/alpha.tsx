import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  createRouteRef,
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

// OpsReady scores and tracks components: services, websites, libraries.
const componentsOnly = { kind: 'component' };

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

const fleetRouteRef = createRouteRef();

const fleetPage = PageBlueprint.make({
  params: {
    path: '/opsready',
    title: 'OpsReady',
    icon: <AssessmentIcon />,
    routeRef: fleetRouteRef,
    noHeader: true,
    loader: () =>
      import('./components/OpsReadyPage').then(m => <m.OpsReadyPage />),
  },
});

/**
 * OpsReady for apps on Backstage's new frontend system: the API, the
 * overview card, the compliance, deployments and errors tabs on components,
 * and the fleet page with its sidebar item.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'opsready',
  routes: { root: fleetRouteRef },
  extensions: [
    opsreadyApi,
    entityOpsReadyCard,
    entityComplianceContent,
    entityDeploymentsContent,
    entityErrorsContent,
    fleetPage,
  ],
});
