/* The plugin in a test backend, with the entity and the payloads the events API tests share. */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { opsreadyPlugin } from '../../plugin';

export const cartservice: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'cartservice', namespace: 'default' },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:default/payments',
  },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/payments' }],
};

export const base = '/api/opsready/entities/component/default/cartservice';

export const scheduler = mockServices.scheduler.factory({
  skipTaskRunOnStartup: true,
});

export async function startWith(...extra: any[]) {
  const { server } = await startTestBackend({
    features: [
      opsreadyPlugin,
      scheduler,
      catalogServiceMock.factory({ entities: [cartservice] }),
      ...extra,
    ],
  });
  return server;
}

export const deployment = (
  externalId: string,
  extra: Record<string, unknown> = {},
) => ({
  entityRef: 'component:default/cartservice',
  environment: 'production',
  version: '1.4.2',
  status: 'succeeded',
  startedAt: '2026-11-20T10:00:00Z',
  finishedAt: '2026-11-20T10:04:00Z',
  commitSha: '9f1c2ab',
  commitAt: '2026-11-20T08:00:00Z',
  actor: 'ci',
  url: 'https://ci.example.com/runs/1',
  source: 'github-actions',
  externalId,
  ...extra,
});

export const error = (
  externalId: string,
  extra: Record<string, unknown> = {},
) => ({
  entityRef: 'cartservice',
  environment: 'production',
  stage: 'runtime',
  code: 'HTTP_503',
  severity: 'critical',
  category: 'dependency',
  message: 'redis connection refused',
  userImpact: 'Carts cannot be saved',
  occurredAt: '2026-11-20T10:15:00Z',
  source: 'sentry',
  externalId,
  ...extra,
});
