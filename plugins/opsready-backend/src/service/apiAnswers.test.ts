import { defaultScorecard } from '@opsready/plugin-opsready-node';
import { mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { LevelDefinition } from '@opsready/plugin-opsready-common';
import { builtInChecks } from '@opsready/plugin-opsready-node';
import express from 'express';
import request from 'supertest';
import { specCheckedServer } from '../__testUtils__/specCheckedServer';
import { InMemoryWebhookSkips } from '../webhooks/__testUtils__/InMemoryWebhookSkips';
import { createWebhookSkipsRouter } from '../webhooks/createWebhookSkipsRouter';
import { createEventsRouter } from './eventsRouter';
import { createRouter } from './router';

/** What a route under test never calls. */
const unused = {} as any;

function appWith(router: express.Router) {
  const app = express();
  app.use(router);
  app.use(mockErrorHandler());
  return app;
}

/** The main router with only what GET /checks reads: the checks and levels. */
function checksOnlyRouter(levels: LevelDefinition[]) {
  return createRouter({
    httpAuth: mockServices.httpAuth(),
    permissions: mockServices.permissions(),
    catalog: unused,
    store: unused,
    evaluations: unused,
    health: unused,
    exemptions: unused,
    checks: () => [...builtInChecks],
    scorecards: [defaultScorecard(levels)],
  });
}

// Each router behind a proxy that fails the test on a request or an answer
// that openapi.yaml does not allow.
describe('answers as openapi.yaml says', () => {
  it('GET /checks', async () => {
    const router = await checksOnlyRouter([{ name: 'bronze', minScore: 50 }]);
    const res = await request(await specCheckedServer(appWith(router))).get(
      '/checks',
    );
    expect(res.status).toBe(200);
    expect(res.body.items.map((c: { id: string }) => c.id)).toEqual(
      builtInChecks.map(c => c.id),
    );
  });

  it('POST /deployments', async () => {
    const recorded: unknown[] = [];
    const router = createEventsRouter({
      httpAuth: mockServices.httpAuth(),
      auth: mockServices.auth(),
      permissions: mockServices.permissions(),
      catalog: catalogServiceMock({
        entities: [
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: { name: 'cartservice', namespace: 'default' },
          },
        ],
      }),
      events: {
        async recordValidDeployments(inputs: unknown[]) {
          recorded.push(...inputs);
          return { stored: inputs.length, updated: 0, rejected: [] };
        },
      } as any,
      deployments: unused,
      errors: unused,
      provisioned: unused,
      health: unused,
      scores: unused,
      config: { maxPayloadBytes: 1024 * 1024, maxBatch: 10 } as any,
      readEntity: unused,
    });
    const res = await request(await specCheckedServer(appWith(router)))
      .post('/deployments')
      .send({
        entityRef: 'component:default/cartservice',
        environment: 'production',
        version: '1.4.2',
        status: 'succeeded',
        startedAt: '2026-11-20T10:00:00Z',
        finishedAt: '2026-11-20T10:04:00Z',
        source: 'github-actions',
        externalId: 'run-1',
      });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ stored: 1, updated: 0, rejected: [] });
    expect(recorded).toHaveLength(1);
  });

  it('GET /webhook-skips', async () => {
    const skips = new InMemoryWebhookSkips();
    await skips.add(
      'github',
      [{ item: 'deployment 1', reason: 'Unknown entity: no slug' }],
      new Date('2026-11-20T10:00:00Z'),
    );
    const router = createWebhookSkipsRouter({
      httpAuth: mockServices.httpAuth(),
      skips,
    });
    const res = await request(await specCheckedServer(appWith(router))).get(
      '/webhook-skips?source=github',
    );
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({ source: 'github', item: 'deployment 1' }),
    ]);
  });
});

describe('requests openapi.yaml does not allow', () => {
  it('are a 400 that names the part and the field, before any route runs', async () => {
    const router = await checksOnlyRouter([]);
    const res = await request(appWith(router)).get('/checks?sort=asc');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'Invalid query: sort: not a parameter of this route, which takes none',
    );
  });

  it("give the route's own message where it has one", async () => {
    const router = createWebhookSkipsRouter({
      httpAuth: mockServices.httpAuth(),
      skips: new InMemoryWebhookSkips(),
    });
    const res = await request(appWith(router)).get(
      '/webhook-skips?source=jenkins',
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(
      /^Invalid query: source: Invalid enum value. Expected 'github' \| 'alertmanager' \| 'argocd'/,
    );
  });
});
