/* The plugin in a test backend, with the catalog the plugin tests share. */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { opsreadyPlugin } from '../plugin';

export const payments: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'payments', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

export const checkoutservice: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkoutservice', namespace: 'default' },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:default/payments',
  },
};

export const described: Entity = {
  ...checkoutservice,
  metadata: { ...checkoutservice.metadata, description: 'Places orders.' },
  spec: { ...checkoutservice.spec, system: 'online-boutique' },
};

export const base = '/api/opsready/entities/component/default/checkoutservice';

// Backstage's scheduler mock would run the sweep at start-up; these tests
// drive evaluations through the API instead.
export const scheduler = mockServices.scheduler.factory({
  skipTaskRunOnStartup: true,
});

export async function startWith(entities: Entity[], ...extra: any[]) {
  const { server } = await startTestBackend({
    features: [
      opsreadyPlugin,
      scheduler,
      catalogServiceMock.factory({ entities }),
      ...extra,
    ],
  });
  return server;
}

export const statusOf = (body: any, checkId: string) =>
  body.checks.find((c: any) => c.id === checkId)?.result.status;
