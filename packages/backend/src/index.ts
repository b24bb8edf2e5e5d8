/*
 * The OpsReady portal's backend: Backstage's catalog, scaffolder, Kubernetes,
 * auth and permission plugins, with the OpsReady backend plugin and its
 * scaffolder actions.
 */

import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// scaffolder plugin
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
// publish:gitlab:merge-request, for the fix template on GitLab repositories
backend.add(import('@backstage/plugin-scaffolder-backend-module-gitlab'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);

// techdocs plugin
backend.add(import('@backstage/plugin-techdocs-backend'));

// auth plugin
backend.add(import('@backstage/plugin-auth-backend'));
// See https://backstage.io/docs/backend-system/building-backends/migrating#the-auth-plugin
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
// See https://backstage.io/docs/auth/guest/provider
// The demo's people (auth.providers.demo in app-config.demo.yaml): sign in as
// a payments engineer or a platform engineer to see what each may do.
backend.add(import('./demoSignIn'));

// catalog plugin
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);

// See https://backstage.io/docs/features/software-catalog/configuration#subscribing-to-catalog-errors
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// permission plugin
backend.add(import('@backstage/plugin-permission-backend'));
// The OpsReady policy: owners act on their entities, the platform groups
// (opsready.permissions.platformGroups) grant exemptions, users never ingest
// events; everything else is allowed.
backend.add(
  import('@opsready/plugin-permission-backend-module-opsready-policy'),
);

// search plugin
backend.add(import('@backstage/plugin-search-backend'));

// search engine
// See https://backstage.io/docs/features/search/search-engines
backend.add(import('@backstage/plugin-search-backend-module-pg'));

// search collators
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@backstage/plugin-search-backend-module-techdocs'));

// kubernetes plugin
backend.add(import('@backstage/plugin-kubernetes-backend'));

// user settings plugin
backend.add(import('@backstage/plugin-user-settings-backend'));

// events plugin: carries OpsReady's domain events (and other plugins')
// between the backend's replicas
backend.add(import('@backstage/plugin-events-backend'));

// notifications and signals plugins
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// mcp actions plugin
backend.add(import('@backstage/plugin-mcp-actions-backend'));

// OpsReady: checks, scores, health, deployments and errors of every service
backend.add(import('@opsready/plugin-opsready-backend'));
// The local demo's past (opsready.demo.history, set by app-config.demo.yaml
// only): three weeks of check results for its campaign.
backend.add(import('./demoHistory'));
// OpsReady's golden-template actions for the scaffolder
backend.add(import('@opsready/plugin-scaffolder-backend-module-opsready'));

backend.start();
