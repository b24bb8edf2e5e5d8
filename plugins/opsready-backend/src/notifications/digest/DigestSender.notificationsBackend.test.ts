import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import { notificationService } from '@backstage/plugin-notifications-node';
import request from 'supertest';
import { createDigest } from '.';

jest.setTimeout(60_000);

const team: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'team', namespace: 'default' },
  spec: { type: 'team', children: [] },
  relations: [{ type: 'hasMember', targetRef: 'user:default/ada' }],
};
const ada: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: 'ada', namespace: 'default' },
  spec: { memberOf: ['team'] },
};

describe('the digest through the notifications backend', () => {
  it('reaches the members of a group in their notifications, once, linking the OpsReady page', async () => {
    let digest: Awaited<ReturnType<typeof createDigest>> | undefined;
    const digestPlugin = createBackendPlugin({
      pluginId: 'opsready',
      register(env) {
        env.registerInit({
          deps: {
            config: coreServices.rootConfig,
            database: coreServices.database,
            scheduler: coreServices.scheduler,
            logger: coreServices.logger,
            notifications: notificationService,
          },
          async init(deps) {
            digest = await createDigest(deps);
          },
        });
      },
    });
    const { server } = await startTestBackend({
      features: [
        notificationsPlugin,
        digestPlugin,
        catalogServiceMock.factory({ entities: [team, ada] }),
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        mockServices.rootConfig.factory({
          data: { app: { baseUrl: 'http://localhost:3000' } },
        }),
      ],
    });
    const { queue, sender } = digest!;
    const created = new Date(Date.now() - 2 * 24 * 3600_000);
    for (const name of ['cart', 'ledger']) {
      await queue.add(
        {
          entityRef: `component:default/${name}`,
          topic: 'compliance',
          kind: 'compliance.level-dropped',
          severity: 'high',
          title: `${name} lost its compliance level bronze`,
          link: `/catalog/default/component/${name}/opsready-compliance`,
          scope: `compliance:component:default/${name}:level`,
          digestible: true,
        },
        ['group:default/team'],
      );
    }
    // Items are stamped now; a run a day and more later finds them due.
    const later = new Date(created.getTime() + 4 * 24 * 3600_000);
    expect(await sender.run(later)).toEqual({ sent: 1, failed: 0 });
    expect(await sender.run(later)).toEqual({ sent: 0, failed: 0 });

    const inbox = await request(server)
      .get('/api/notifications/notifications')
      .set('Authorization', mockCredentials.user.header('user:default/ada'))
      .expect(200);
    expect(inbox.body.notifications).toEqual([
      expect.objectContaining({
        user: 'user:default/ada',
        origin: 'plugin:opsready',
        payload: expect.objectContaining({
          title: 'Compliance digest: 2 services changed',
          link: '/opsready',
          severity: 'high',
          topic: 'compliance',
          scope: expect.stringMatching(/^digest:compliance:\d{4}-\d\d-\d\d$/),
        }),
      }),
    ]);
    expect(inbox.body.notifications[0].payload.description).toContain(
      'cart lost its compliance level bronze',
    );
  });
});
