/*
 * OpsReady's notifications through Backstage's real notifications backend:
 * what a user finds in the bell after OpsReady hears of a problem.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import request from 'supertest';
import { opsreadyPlugin } from './plugin';

const alan = 'user:default/alan.turing';
const ada = 'user:default/ada.lovelace';

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'payments', namespace: 'default' },
    spec: { type: 'team', children: [] },
    relations: [{ type: 'hasMember', targetRef: alan }],
  },
  ...[alan, ada].map(
    (ref): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: { name: ref.split('/')[1], namespace: 'default' },
      spec: {},
    }),
  ),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'paymentservice', namespace: 'default' },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/payments',
    },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/payments' }],
  },
];

const paymentservice = 'component:default/paymentservice';

async function start() {
  const { server } = await startTestBackend({
    features: [
      opsreadyPlugin,
      notificationsPlugin,
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      catalogServiceMock.factory({ entities }),
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          opsready: { notifications: { groupWaitSeconds: 0 } },
        },
      }),
    ],
  });
  return server;
}

async function bellOf(server: any, user: string) {
  const res = await request(server)
    .get('/api/notifications/notifications')
    .set('Authorization', mockCredentials.user.header(user));
  expect(res.status).toBe(200);
  return res.body.notifications as Array<{
    payload: { title: string; description?: string; severity: string };
    origin: string;
    read?: string | null;
  }>;
}

async function eventually<T>(read: () => Promise<T>, ok: (t: T) => boolean) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise(r => setTimeout(r, 100));
  }
}

const criticalError = (externalId: string, occurredAt: string) => ({
  entityRef: paymentservice,
  environment: 'production',
  severity: 'critical',
  category: 'dependency',
  stage: 'runtime',
  message: 'Card processor rejected every charge',
  fingerprint: 'card-processor-down',
  occurredAt,
  source: 'sentry',
  externalId,
});

describe('OpsReady notifications in the notifications backend', () => {
  it('tells the owners of a new critical error once, and updates it when it occurs again', async () => {
    const server = await start();
    const ingest = (body: unknown[]) =>
      request(server)
        .post('/api/opsready/errors')
        .set('Authorization', mockCredentials.service.header())
        .send({ items: body });

    expect(
      (await ingest([criticalError('e-1', '2026-12-07T10:00:00Z')])).status,
    ).toBe(201);
    const first = await eventually(
      () => bellOf(server, alan),
      n => n.length > 0,
    );
    expect(first).toHaveLength(1);
    expect(first[0].origin).toBe('plugin:opsready');
    expect(first[0].payload).toMatchObject({
      title:
        'New error in paymentservice (production): Card processor rejected every charge',
      severity: 'critical',
      link: '/catalog/default/component/paymentservice/opsready-errors',
      topic: 'errors',
    });

    await ingest([criticalError('e-2', '2026-12-07T10:05:00Z')]);
    const after = await eventually(
      () => bellOf(server, alan),
      n => n[0]?.payload.title.startsWith('Error again'),
    );
    expect(after).toHaveLength(1);
    expect(after[0].payload.description).toMatch(/Seen 2 times/);

    // Someone who owns nothing hears nothing.
    expect(await bellOf(server, ada)).toEqual([]);

    // The entity's log and timeline say the owners were told.
    const entity = '/api/opsready/entities/component/default/paymentservice';
    const read = (path: string) =>
      request(server)
        .get(`${entity}${path}`)
        .set('Authorization', mockCredentials.user.header(ada));
    const log = await read('/notifications?open=true');
    expect(log.status).toBe(200);
    expect(
      log.body.items.map((n: any) => [n.status, n.problemOpen, n.recipients]),
    ).toEqual([
      ['updated', true, ['group:default/payments']],
      ['sent', true, ['group:default/payments']],
    ]);
    const timeline = await read('/timeline');
    expect(
      timeline.body.items
        .filter((e: any) => e.type === 'notification')
        .map((e: any) => e.title),
    ).toEqual([
      'Owners told: Error again in paymentservice (production): Card processor rejected every charge',
      'Owners told: New error in paymentservice (production): Card processor rejected every charge',
    ]);

    // Once the error is resolved, nothing the owners were told is open.
    const errorId = (await read('/errors')).body.items[0].id;
    const resolved = await request(server)
      .post(`/api/opsready/errors/${errorId}/resolve`)
      .set('Authorization', mockCredentials.user.header(alan))
      .send({ notes: 'Processor back' });
    expect(resolved.status).toBe(200);
    expect((await read('/notifications?open=true')).body.items).toEqual([]);
    expect((await read('/notifications?limit=1')).body).toMatchObject({
      items: [{ status: 'updated', problemOpen: false }],
      nextCursor: expect.any(String),
    });
    expect((await read('/notifications?cursor=not-a-cursor!')).status).toBe(
      400,
    );
  });
});
