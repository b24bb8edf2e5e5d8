import request from 'supertest';
import { specCheckedServer } from '../__testUtils__/specCheckedServer';
import {
  SECRET,
  ARGO_TOKEN,
  fixture,
  makeApp,
  edited,
} from './__testUtils__/webhooksApp';

describe('POST /webhooks/argocd', () => {
  function sendArgo(
    app: Parameters<typeof request>[0],
    body: string,
    token = ARGO_TOKEN,
  ) {
    return request(app)
      .post('/webhooks/argocd')
      .set('Content-Type', 'application/json')
      .set('Authorization', `Bearer ${token}`)
      .send(body);
  }

  const externalId = 'argocd/cartservice-prod@2026-11-20T14:02:11.000Z';

  it('records a running sync as a started deployment, and Synced + Healthy as succeeded', async () => {
    const { app, ingest } = makeApp();
    const running = await sendArgo(
      // Through a proxy that fails the test on an answer the spec does not allow.
      await specCheckedServer(app),
      fixture('argocd/sync-running.json'),
    );
    expect(running.status).toBe(200);
    expect(ingest.deploymentsList()).toEqual([
      {
        entityRef: 'component:default/cartservice',
        environment: 'production',
        version: '9d2b1f0e4c7a8b3d5e6f708192a3b4c5d6e7f809',
        status: 'started',
        startedAt: '2026-11-20T14:02:11.000Z',
        commitSha: '9d2b1f0e4c7a8b3d5e6f708192a3b4c5d6e7f809',
        actor: 'jane.doe',
        url: 'https://argocd.example.com/applications/argocd/cartservice-prod',
        source: 'argocd',
        externalId,
      },
    ]);

    const deployed = await sendArgo(app, fixture('argocd/deployed.json'));
    expect(deployed.status).toBe(200);
    expect(deployed.body.deployments).toMatchObject({ stored: 0, updated: 1 });
    expect(ingest.deploymentsList()).toEqual([
      expect.objectContaining({
        status: 'succeeded',
        startedAt: '2026-11-20T14:02:11.000Z',
        finishedAt: '2026-11-20T14:02:19.000Z',
        externalId,
      }),
    ]);
  });

  it('records a failed sync as a failed deployment by the automated sync', async () => {
    const { app, ingest } = makeApp();
    const res = await sendArgo(app, fixture('argocd/sync-failed.json'));
    expect(res.status).toBe(200);
    expect(ingest.deploymentsList()).toEqual([
      expect.objectContaining({
        entityRef: 'component:default/cartservice',
        version: '3f6c2a91b0d4e5f60718293a4b5c6d7e8f901a2b',
        status: 'failed',
        startedAt: '2026-11-21T09:15:03.000Z',
        finishedAt: '2026-11-21T09:15:07.000Z',
        actor: 'argocd (automated sync)',
        externalId: 'argocd/cartservice-prod@2026-11-21T09:15:03.000Z',
      }),
    ]);
  });

  it('opens an error when the app turns Degraded and resolves it when it is Healthy again', async () => {
    const { app, ingest } = makeApp();
    await sendArgo(app, fixture('argocd/deployed.json')).expect(200);

    const degraded = await sendArgo(app, fixture('argocd/degraded.json'));
    expect(degraded.status).toBe(202);
    expect(degraded.body.errors).toMatchObject({ stored: 1 });
    expect(degraded.body.skipped[0].reason).toMatch(/recorded as an error/);
    const repeat = await sendArgo(app, fixture('argocd/degraded.json'));
    expect(repeat.body.errors).toMatchObject({ stored: 0, updated: 1 });
    expect(ingest.errorsList()).toEqual([
      {
        entityRef: 'component:default/cartservice',
        environment: 'production',
        stage: 'runtime',
        code: 'ArgoCDHealthDegraded',
        severity: 'high',
        category: 'resource',
        message:
          'Argo CD reports cartservice-prod Degraded: Deployment "cartservice" exceeded its progress deadline',
        occurredAt: '2026-11-20T14:12:40.000Z',
        fingerprint: 'argocd:argocd/cartservice-prod:degraded',
        source: 'argocd',
        externalId: 'argocd/cartservice-prod:degraded@2026-11-20T14:12:40.000Z',
      },
    ]);
    // The deployment was not moved back by the Degraded notification.
    expect(ingest.deploymentsList()[0].status).toBe('succeeded');

    const recovered = await sendArgo(app, fixture('argocd/recovered.json'));
    expect(recovered.status).toBe(200);
    expect(ingest.errorsList()).toEqual([
      expect.objectContaining({
        externalId: 'argocd/cartservice-prod:degraded@2026-11-20T14:12:40.000Z',
        occurredAt: '2026-11-20T14:12:40.000Z',
        resolvedAt: '2026-11-20T14:20:05.000Z',
      }),
    ]);
    expect(ingest.deploymentsList()).toEqual([
      expect.objectContaining({
        status: 'succeeded',
        finishedAt: '2026-11-20T14:02:19.000Z',
      }),
    ]);
    expect(await ingest.listOpenErrors('argocd')).toEqual([]);
  });

  it('finds the entity by argocd/app-selector, or by the opsready.io/entity the template sends', async () => {
    const { app, ingest } = makeApp();
    const bySelector = edited('argocd/sync-running.json', p => {
      p.app = 'checkout-prod';
      p.labels = { 'backstage-name': 'checkoutservice', team: 'a' };
    });
    await sendArgo(app, bySelector).expect(200);
    const byEntity = edited('argocd/sync-running.json', p => {
      p.app = 'payments-legacy';
      p.entity = 'component:default/api';
      p.environment = '<no value>';
    });
    await sendArgo(app, byEntity).expect(200);
    expect(
      ingest.deploymentsList().map(d => [d.entityRef, d.environment]),
    ).toEqual([
      ['component:default/checkoutservice', 'production'],
      ['component:default/api', 'production'],
    ]);
  });

  it('answers 202 with the reason for an app no entity claims', async () => {
    const { app, ingest } = makeApp();
    const res = await sendArgo(
      app,
      edited('argocd/sync-running.json', p => {
        p.app = 'ghost';
        p.labels = null;
      }),
    );
    expect(res.status).toBe(202);
    expect(res.body.skipped).toEqual([
      {
        item: 'deployment argocd/ghost@2026-11-20T14:02:11.000Z',
        reason:
          'Unknown entity: no entity in the catalog has annotation argocd/app-name=ghost',
      },
    ]);
    expect(ingest.calls).toEqual([]);
  });

  it('answers 401 for a wrong token, 400 naming missing fields, 404 when not configured', async () => {
    const { app, ingest } = makeApp();
    expect(
      (await sendArgo(app, fixture('argocd/deployed.json'), 'nope')).status,
    ).toBe(401);
    const missing = await sendArgo(
      app,
      edited('argocd/deployed.json', p => {
        delete p.healthStatus;
        p.operation.startedAt = null;
      }),
    );
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toBe(
      'Invalid Argo CD payload: healthStatus: is required; operation.startedAt: Expected string, received null',
    );
    expect(ingest.calls).toEqual([]);

    const closed = makeApp({ github: { secret: SECRET } });
    const res = await sendArgo(closed.app, fixture('argocd/deployed.json'));
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(/opsready\.webhooks\.argocd\.token/);
  });
});
