import {
  mockErrorHandler,
  mockServices,
  TestDatabaseId,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import express from 'express';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { createTestEventsService } from '../__testUtils__/eventsService';
import { DatabaseWebhookSkipsStore } from '../database/DatabaseWebhookSkipsStore';
import { createWebhooksRouter } from './createWebhooksRouter';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const SECRET = 'webhook-secret';
const TOKEN = 'argo-token';

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'hello-world',
      annotations: {
        'github.com/project-slug': 'Codertocat/Hello-World',
        'argocd/app-name': 'cartservice-prod',
      },
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
  },
];

const fixture = (path: string) =>
  readFileSync(resolvePath(__dirname, '__fixtures__', path), 'utf8');

async function setUp(databaseId: TestDatabaseId) {
  const { database, stores, events } = await createTestEventsService(
    await databases.init(databaseId),
  );
  const skips = await DatabaseWebhookSkipsStore.create({ database });
  const app = express();
  app.use(
    createWebhooksRouter({
      ingest: events,
      skips,
      catalog: catalogServiceMock({ entities }),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      config: new ConfigReader({
        opsready: {
          webhooks: { github: { secret: SECRET }, argocd: { token: TOKEN } },
        },
      }),
    }),
  );
  app.use(mockErrorHandler());
  return { app, stores, skips };
}

function sendGitHub(app: express.Express, event: string, body: string) {
  const signature = createHmac('sha256', SECRET).update(body).digest('hex');
  return request(app)
    .post('/webhooks/github')
    .set('Content-Type', 'application/json')
    .set('X-GitHub-Event', event)
    .set('X-Hub-Signature-256', `sha256=${signature}`)
    .send(body);
}

function sendArgo(app: express.Express, body: string) {
  return request(app)
    .post('/webhooks/argocd')
    .set('Content-Type', 'application/json')
    .set('Authorization', `Bearer ${TOKEN}`)
    .send(body);
}

describe.each(databases.eachSupportedId())(
  'webhooks into the events store (%s)',
  databaseId => {
    it('keeps the events it could not tie to an entity, newest first, paged', async () => {
      const { app, skips } = await setUp(databaseId);
      for (const slug of ['Acme/one', 'Acme/two', 'Acme/three']) {
        const payload = JSON.parse(fixture('github/deployment.payload.json'));
        payload.repository.full_name = slug;
        await sendGitHub(app, 'deployment', JSON.stringify(payload)).expect(
          202,
        );
      }
      const first = await skips.list({ limit: 2 });
      expect(first.items.map(s => s.reason)).toEqual([
        expect.stringContaining('github.com/project-slug=Acme/three'),
        expect.stringContaining('github.com/project-slug=Acme/two'),
      ]);
      expect(first.items[0]).toMatchObject({
        source: 'github',
        item: 'deployment 145988746',
      });
      const second = await skips.list({ limit: 2, before: first.nextCursor });
      expect(second.items.map(s => s.reason)).toEqual([
        expect.stringContaining('Acme/one'),
      ]);
      expect(second.nextCursor).toBeUndefined();
      expect(await skips.list({ source: 'alertmanager', limit: 5 })).toEqual({
        items: [],
      });
      expect(await skips.deleteOlderThan(new Date(Date.now() + 60_000))).toBe(
        3,
      );
    });

    it('keeps one deployment per GitHub deployment through its statuses and redeliveries', async () => {
      const { app, stores } = await setUp(databaseId);
      await sendGitHub(
        app,
        'deployment',
        fixture('github/deployment.payload.json'),
      ).expect(200);
      const status = fixture('github/deployment_status.payload.json');
      await sendGitHub(app, 'deployment_status', status).expect(200);
      await sendGitHub(app, 'deployment_status', status).expect(200);

      const page = await stores.deployments.listDeployments(
        'component:default/hello-world',
        {},
        { limit: 10 },
      );
      expect(page.items).toEqual([
        expect.objectContaining({
          entityRef: 'component:default/hello-world',
          environment: 'production',
          version: 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e',
          status: 'succeeded',
          startedAt: '2019-05-15T15:20:53.000Z',
          finishedAt: '2019-05-15T15:20:55.000Z',
          durationMs: 2000,
          commitSha: 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e',
          actor: 'Codertocat',
          url: 'https://github.com/Codertocat/Hello-World/deployments',
          source: 'github',
          externalId: '145988746',
        }),
      ]);
    });

    it('resolves the Argo CD Degraded error it opened once the app is Healthy again', async () => {
      const { app, stores } = await setUp(databaseId);
      await sendArgo(app, fixture('argocd/deployed.json')).expect(200);
      await sendArgo(app, fixture('argocd/degraded.json')).expect(202);
      expect(await stores.errors.listOpenErrors('argocd')).toEqual([
        {
          entityRef: 'component:default/hello-world',
          externalId:
            'argocd/cartservice-prod:degraded@2026-11-20T14:12:40.000Z',
        },
      ]);
      await sendArgo(app, fixture('argocd/recovered.json')).expect(200);
      expect(await stores.errors.listOpenErrors('argocd')).toEqual([]);
      const errors = await stores.errors.listErrors(
        'component:default/hello-world',
        {},
        { limit: 10 },
      );
      expect(errors.items).toEqual([
        expect.objectContaining({
          status: 'resolved',
          count: 1,
          resolvedAt: '2026-11-20T14:20:05.000Z',
          resolvedBy: 'argocd',
        }),
      ]);
    });
  },
);
