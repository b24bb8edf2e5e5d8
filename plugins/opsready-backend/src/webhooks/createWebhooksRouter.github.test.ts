import { mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { InMemoryEventIngest } from './__testUtils__/InMemoryEventIngest';
import { InMemoryWebhookSkips } from './__testUtils__/InMemoryWebhookSkips';
import { createWebhooksRouter } from './createWebhooksRouter';
import { specCheckedServer } from '../__testUtils__/specCheckedServer';
import request from 'supertest';
import express from 'express';
import {
  SECRET,
  fixture,
  component,
  entities,
  makeApp,
  sign,
  sendGitHub,
  edited,
} from './__testUtils__/webhooksApp';

describe('POST /webhooks/github', () => {
  const deployment = fixture('github/deployment.payload.json');
  const deploymentStatus = fixture('github/deployment_status.payload.json');

  it('records a deployment event as a started deployment of the repository’s component', async () => {
    const { app, ingest } = makeApp();
    // Through a proxy that fails the test on an answer the spec does not allow.
    const res = await sendGitHub(
      await specCheckedServer(app),
      'deployment',
      deployment,
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      deployments: { stored: 1, updated: 0, rejected: [] },
      skipped: [],
    });
    expect(ingest.deploymentsList()).toEqual([
      {
        entityRef: 'component:default/hello-world',
        environment: 'production',
        // ref "master" is a branch, not a release: the commit is the version.
        version: 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e',
        status: 'started',
        startedAt: '2019-05-15T15:20:53.000Z',
        commitSha: 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e',
        actor: 'Codertocat',
        url: 'https://github.com/Codertocat/Hello-World/deployments',
        source: 'github',
        externalId: '145988746',
      },
    ]);
  });

  it('moves the same deployment to succeeded when its deployment_status arrives', async () => {
    const { app, ingest } = makeApp();
    await sendGitHub(app, 'deployment', deployment).expect(200);
    const res = await sendGitHub(app, 'deployment_status', deploymentStatus);
    expect(res.status).toBe(200);
    expect(res.body.deployments).toEqual({
      stored: 0,
      updated: 1,
      rejected: [],
    });
    expect(ingest.deploymentsList()).toEqual([
      expect.objectContaining({
        entityRef: 'component:default/hello-world',
        environment: 'production',
        status: 'succeeded',
        startedAt: '2019-05-15T15:20:53.000Z',
        finishedAt: '2019-05-15T15:20:55.000Z',
        actor: 'Codertocat',
        externalId: '145988746',
      }),
    ]);
  });

  it.each([
    'github/deployment_status.payload.json',
    'github/deployment_status.with-installation.payload.json',
  ])(
    'records %s on its own, and a redelivery makes no second record',
    async path => {
      const { app, ingest } = makeApp();
      const body = fixture(path);
      const first = await sendGitHub(app, 'deployment_status', body);
      expect(first.status).toBe(200);
      expect(first.body.deployments).toMatchObject({ stored: 1, updated: 0 });
      const again = await sendGitHub(app, 'deployment_status', body);
      expect(again.status).toBe(200);
      expect(again.body.deployments).toMatchObject({ stored: 0, updated: 1 });
      expect(ingest.deploymentsList()).toEqual([
        {
          entityRef: 'component:default/hello-world',
          environment: 'production',
          version: 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e',
          status: 'succeeded',
          startedAt: '2019-05-15T15:20:53.000Z',
          finishedAt: '2019-05-15T15:20:55.000Z',
          commitSha: 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e',
          actor: 'Codertocat',
          url: 'https://github.com/Codertocat/Hello-World/deployments',
          source: 'github',
          externalId: '145988746',
        },
      ]);
    },
  );

  it.each([
    ['pending', 'started', undefined],
    ['queued', 'started', undefined],
    ['in_progress', 'started', undefined],
    ['failure', 'failed', '2019-05-15T15:20:55.000Z'],
    ['error', 'failed', '2019-05-15T15:20:55.000Z'],
  ])('maps state %s to %s', async (state, status, finishedAt) => {
    const { app, ingest } = makeApp();
    const body = edited('github/deployment_status.payload.json', p => {
      p.deployment_status.state = state;
    });
    await sendGitHub(app, 'deployment_status', body).expect(200);
    const [recorded] = ingest.deploymentsList();
    expect(recorded.status).toBe(status);
    expect(recorded.finishedAt).toBe(finishedAt);
  });

  it('skips an inactive status: a newer deployment replaced it, nothing changes', async () => {
    const { app, ingest } = makeApp();
    const body = edited('github/deployment_status.payload.json', p => {
      p.deployment_status.state = 'inactive';
    });
    const res = await sendGitHub(app, 'deployment_status', body);
    expect(res.status).toBe(202);
    expect(res.body.skipped[0].reason).toMatch(/inactive/);
    expect(ingest.calls).toEqual([]);
  });

  it('takes the version from the deployment payload, else a release-like ref, and the link from the status', async () => {
    const { app, ingest } = makeApp();
    await sendGitHub(
      app,
      'deployment_status',
      edited('github/deployment_status.payload.json', p => {
        p.deployment.id = 1;
        p.deployment.payload = { version: '1.4.2' };
        p.deployment_status.log_url =
          'https://github.com/Codertocat/Hello-World/actions/runs/42';
      }),
    ).expect(200);
    await sendGitHub(
      app,
      'deployment',
      edited('github/deployment.payload.json', p => {
        p.deployment.id = 2;
        p.deployment.ref = 'v1.5.0';
        p.deployment.environment = 'staging';
      }),
    ).expect(200);
    expect(
      ingest
        .deploymentsList()
        .map(d => [d.externalId, d.environment, d.version, d.url]),
    ).toEqual([
      [
        '1',
        'production',
        '1.4.2',
        'https://github.com/Codertocat/Hello-World/actions/runs/42',
      ],
      [
        '2',
        'staging',
        'v1.5.0',
        'https://github.com/Codertocat/Hello-World/deployments',
      ],
    ]);
  });

  it('accepts the form-encoded delivery GitHub sends when so configured', async () => {
    const { app, ingest } = makeApp();
    const body = new URLSearchParams({ payload: deploymentStatus }).toString();
    await request(app)
      .post('/webhooks/github')
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .set('X-GitHub-Event', 'deployment_status')
      .set('X-Hub-Signature-256', sign(body))
      .send(body)
      .expect(200);
    expect(ingest.deploymentsList()[0].status).toBe('succeeded');
  });

  it('answers 202 with the reason for events it does not use, such as workflow_run', async () => {
    const { app, ingest, skips } = makeApp();
    const res = await sendGitHub(
      app,
      'workflow_run',
      fixture('github/workflow_run.completed.payload.json'),
    );
    expect(res.status).toBe(202);
    expect(res.body.skipped).toEqual([
      {
        item: 'workflow_run',
        reason: expect.stringContaining(
          'reads deployment and deployment_status events only',
        ),
      },
    ]);
    // Only events for unknown entities are kept for the platform team.
    expect(skips.skips).toEqual([]);
    expect(ingest.calls).toEqual([]);
  });

  it.each([
    ['no signature', undefined],
    ['a signature made with another secret', sign(deployment, 'guess')],
    ['a malformed signature', 'sha1=abc'],
    [
      'the signature of another body',
      sign(deployment.replace('production', 'staging')),
    ],
  ])('answers 401 and records nothing for %s', async (_, signature) => {
    const { app, ingest } = makeApp();
    const req = request(app)
      .post('/webhooks/github')
      .set('Content-Type', 'application/json')
      .set('X-GitHub-Event', 'deployment');
    if (signature) {
      req.set('X-Hub-Signature-256', signature);
    }
    const res = await req.send(deployment);
    expect(res.status).toBe(401);
    expect(res.body.error.message).toMatch(/X-Hub-Signature-256/);
    expect(ingest.calls).toEqual([]);
  });

  it('answers 400 for a body that is not JSON, and names a missing field', async () => {
    const { app, ingest } = makeApp();
    const notJson = '{"action": "created", ';
    const res = await sendGitHub(app, 'deployment', notJson);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/not valid JSON/);

    const missing = edited('github/deployment.payload.json', p => {
      delete p.deployment.environment;
      delete p.repository.full_name;
    });
    const res2 = await sendGitHub(app, 'deployment', missing);
    expect(res2.status).toBe(400);
    expect(res2.body.error.message).toBe(
      'Invalid GitHub deployment payload: deployment.environment: is required; repository.full_name: is required',
    );

    const noEvent = await request(app)
      .post('/webhooks/github')
      .set('Content-Type', 'application/json')
      .set('X-Hub-Signature-256', sign(deployment))
      .send(deployment);
    expect(noEvent.status).toBe(400);
    expect(noEvent.body.error.message).toMatch(/X-GitHub-Event/);
    expect(ingest.calls).toEqual([]);
  });

  it('answers 202 with the reason, logs it and records it, when no entity has the repository’s slug', async () => {
    const { app, ingest, skips, logger } = makeApp();
    const body = edited('github/deployment.payload.json', p => {
      p.repository.full_name = 'Codertocat/Unknown';
    });
    const res = await sendGitHub(app, 'deployment', body);
    expect(res.status).toBe(202);
    expect(res.body.skipped).toEqual([
      {
        item: 'deployment 145988746',
        reason:
          'Unknown entity: no entity in the catalog has annotation github.com/project-slug=Codertocat/Unknown',
      },
    ]);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('github.com/project-slug=Codertocat/Unknown'),
    );
    expect(skips.skips).toEqual([
      expect.objectContaining({
        source: 'github',
        item: 'deployment 145988746',
        reason: expect.stringContaining('Codertocat/Unknown'),
      }),
    ]);
    expect(ingest.calls).toEqual([]);
  });

  it('does not guess between two components of one repository', async () => {
    const twin = component('hello-world-worker', {
      'github.com/project-slug': 'Codertocat/Hello-World',
    });
    const { app, ingest } = makeApp(undefined, [...entities, twin]);
    const res = await sendGitHub(app, 'deployment', deployment);
    expect(res.status).toBe(202);
    expect(res.body.skipped[0].reason).toContain(
      'component:default/hello-world, component:default/hello-world-worker',
    );
    expect(ingest.calls).toEqual([]);
  });

  it('stays closed with 404 while no secret is configured', async () => {
    const { app, ingest } = makeApp({});
    const res = await sendGitHub(app, 'deployment', deployment);
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe(
      'The GitHub webhook is not enabled: set opsready.webhooks.github.secret in app-config',
    );
    expect(ingest.calls).toEqual([]);
  });

  it('answers 503 when the catalog does not answer in time, recording nothing', async () => {
    const ingest = new InMemoryEventIngest();
    const catalog = catalogServiceMock({ entities });
    catalog.getEntities = () => new Promise(() => {});
    const app = express();
    app.use(
      createWebhooksRouter({
        ingest,
        skips: new InMemoryWebhookSkips(),
        catalog,
        auth: mockServices.auth(),
        logger: mockServices.logger.mock(),
        config: new ConfigReader({
          opsready: {
            webhooks: { github: { secret: SECRET }, lookupTimeoutMs: 50 },
          },
        }),
      }),
    );
    app.use(mockErrorHandler());
    const res = await sendGitHub(app, 'deployment', deployment);
    expect(res.status).toBe(503);
    expect(res.body.error.message).toBe(
      'The catalog did not answer within 50 ms when looking up entities with annotation github.com/project-slug=Codertocat/Hello-World; send again later',
    );
    expect(ingest.calls).toEqual([]);
  });

  it('answers 413 for a body over the configured size', async () => {
    const { app } = makeApp({ github: { secret: SECRET }, maxBodyBytes: 1024 });
    const res = await sendGitHub(app, 'deployment', deployment);
    expect(res.status).toBe(413);
  });
});
