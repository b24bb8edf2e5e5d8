import { mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import express from 'express';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import request from 'supertest';
import { InMemoryEventIngest } from './__testUtils__/InMemoryEventIngest';
import { InMemoryWebhookSkips } from './__testUtils__/InMemoryWebhookSkips';
import { createWebhooksRouter } from './createWebhooksRouter';

const SECRET = 'It’s a Secret to Everybody';
const AM_TOKEN = 'am-token-0123456789';
const ARGO_TOKEN = 'argo-token-9876543210';

function fixture(path: string): string {
  return readFileSync(resolvePath(__dirname, '__fixtures__', path), 'utf8');
}

function component(
  name: string,
  annotations: Record<string, string> = {},
  namespace = 'default',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace, annotations },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
  };
}

const helloWorld = component('hello-world', {
  'github.com/project-slug': 'Codertocat/Hello-World',
});
// The repository's System carries the same slug: the Component must win.
const helloSystem: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: {
    name: 'hello',
    annotations: { 'github.com/project-slug': 'Codertocat/Hello-World' },
  },
  spec: { owner: 'team-a' },
};
const api = component('api');
const cartservice = component('cartservice', {
  'argocd/app-name': 'cartservice-prod',
});
const checkout = component('checkoutservice', {
  'argocd/app-selector': 'backstage-name=checkoutservice',
});

const entities = [helloWorld, helloSystem, api, cartservice, checkout];

function makeApp(
  webhooks: Record<string, any> = {
    github: { secret: SECRET },
    alertmanager: { token: AM_TOKEN },
    argocd: { token: ARGO_TOKEN },
  },
  catalogEntities: Entity[] = entities,
) {
  const ingest = new InMemoryEventIngest();
  const skips = new InMemoryWebhookSkips();
  const logger = mockServices.logger.mock();
  const app = express();
  app.use(
    createWebhooksRouter({
      ingest,
      skips,
      catalog: catalogServiceMock({ entities: catalogEntities }),
      auth: mockServices.auth(),
      logger,
      config: new ConfigReader({ opsready: { webhooks } }),
    }),
  );
  app.use(mockErrorHandler());
  return { app, ingest, skips, logger };
}

function sign(body: string, secret = SECRET): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

function sendGitHub(
  app: express.Express,
  event: string,
  body: string,
  signature = sign(body),
) {
  return request(app)
    .post('/webhooks/github')
    .set('Content-Type', 'application/json')
    .set('X-GitHub-Event', event)
    .set('X-GitHub-Delivery', '72d3162e-cc78-11e3-81ab-4c9367dc0958')
    .set('X-Hub-Signature-256', signature)
    .send(body);
}

/** A fixture with some of its fields changed, as GitHub would sign it. */
function edited(path: string, edit: (payload: any) => void): string {
  const payload = JSON.parse(fixture(path));
  edit(payload);
  return JSON.stringify(payload);
}

describe('POST /webhooks/github', () => {
  const deployment = fixture('github/deployment.payload.json');
  const deploymentStatus = fixture('github/deployment_status.payload.json');

  it('records a deployment event as a started deployment of the repository’s component', async () => {
    const { app, ingest } = makeApp();
    const res = await sendGitHub(app, 'deployment', deployment);
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

describe('POST /webhooks/alertmanager', () => {
  const firing = fixture('alertmanager/firing.json');
  const byJob = {
    alertmanager: { token: AM_TOKEN, entityLabel: 'job' },
  };

  function sendAlerts(app: express.Express, body: string, token = AM_TOKEN) {
    return request(app)
      .post('/webhooks/alertmanager')
      .set('Content-Type', 'application/json')
      .set('Authorization', `Bearer ${token}`)
      .send(body);
  }

  const resolved = edited('alertmanager/firing.json', p => {
    p.status = 'resolved';
    p.alerts[0].status = 'resolved';
    p.alerts[0].endsAt = '2022-10-04T13:47:56.014Z';
  });

  it('opens an error per firing alert, on the entity its label names', async () => {
    const { app, ingest } = makeApp(byJob);
    const res = await sendAlerts(app, firing);
    expect(res.status).toBe(200);
    expect(res.body.errors).toEqual({ stored: 1, updated: 0, rejected: [] });
    expect(ingest.errorsList()).toEqual([
      {
        entityRef: 'component:default/api',
        environment: 'production',
        stage: 'runtime',
        code: 'HighValue',
        severity: 'high',
        category: 'performance',
        message: 'poc_metric above 0.5',
        occurredAt: '2022-10-04T13:32:56.014Z',
        fingerprint: '948c667b1fc76492',
        source: 'alertmanager',
        externalId: '948c667b1fc76492@2022-10-04T13:32:56.014Z',
      },
    ]);
  });

  it('resolves the same error when the alert resolves, and repeats make no second record', async () => {
    const { app, ingest } = makeApp(byJob);
    await sendAlerts(app, firing).expect(200);
    const repeat = await sendAlerts(app, firing);
    expect(repeat.body.errors).toMatchObject({ stored: 0, updated: 1 });
    expect(ingest.errors.size).toBe(1);

    const res = await sendAlerts(app, resolved);
    expect(res.status).toBe(200);
    expect(res.body.errors).toMatchObject({ stored: 0, updated: 1 });
    expect(ingest.errorsList()).toEqual([
      expect.objectContaining({
        entityRef: 'component:default/api',
        externalId: '948c667b1fc76492@2022-10-04T13:32:56.014Z',
        occurredAt: '2022-10-04T13:32:56.014Z',
        resolvedAt: '2022-10-04T13:47:56.014Z',
      }),
    ]);
    expect(await ingest.listOpenErrors('alertmanager')).toEqual([]);
  });

  it('by default reads the backstage_entity or service label, as a name or a full ref', async () => {
    const { app, ingest } = makeApp();
    const body = edited('alertmanager/firing.json', p => {
      const second = JSON.parse(JSON.stringify(p.alerts[0]));
      p.alerts[0].labels.service = 'api';
      second.labels.backstage_entity = 'component:default/cartservice';
      second.labels.environment = 'staging';
      second.labels.severity = 'warning';
      second.labels.category = 'dependency';
      second.fingerprint = 'aaaabbbbccccdddd';
      p.alerts.push(second);
    });
    const res = await sendAlerts(app, body);
    expect(res.status).toBe(200);
    expect(
      ingest
        .errorsList()
        .map(e => [e.entityRef, e.environment, e.severity, e.category]),
    ).toEqual([
      ['component:default/api', 'production', 'high', 'performance'],
      ['component:default/cartservice', 'staging', 'medium', 'dependency'],
    ]);
  });

  it('maps severities through the configured map over the defaults', async () => {
    const { app, ingest } = makeApp({
      alertmanager: {
        token: AM_TOKEN,
        entityLabel: 'job',
        severityMap: { high: 'critical', p3: 'low' },
        defaultSeverity: 'low',
      },
    });
    const body = edited('alertmanager/firing.json', p => {
      const alert = p.alerts[0];
      p.alerts = ['high', 'P3', 'warning', 'info', 'unheard-of'].map(
        (severity, i) => ({
          ...alert,
          labels: { ...alert.labels, severity },
          fingerprint: `fp${i}`,
        }),
      );
    });
    await sendAlerts(app, body).expect(200);
    expect(ingest.errorsList().map(e => e.severity)).toEqual([
      'critical',
      'low',
      'medium',
      'low',
      'low',
    ]);
  });

  it('answers 202 with the reason when the alert names no entity, or one the catalog lacks, and keeps both', async () => {
    const { app, ingest, skips } = makeApp();
    const res = await sendAlerts(app, firing);
    expect(res.status).toBe(202);
    expect(res.body.skipped).toEqual([
      {
        item: 'alert HighValue (948c667b1fc76492)',
        reason:
          'The alert names no entity: none of label backstage_entity, label service is set (see opsready.webhooks.alertmanager.entityLabel)',
      },
    ]);

    const unknown = edited('alertmanager/firing.json', p => {
      p.alerts[0].labels.service = 'ghost';
    });
    const res2 = await sendAlerts(app, unknown);
    expect(res2.status).toBe(202);
    expect(res2.body.skipped[0].reason).toBe(
      "Unknown entity: label service names 'ghost': no entity in the catalog has component named ghost",
    );
    expect(ingest.calls).toEqual([]);
    // Both are lost events the platform team can read back.
    expect(skips.skips.map(k => [k.source, k.item])).toEqual([
      ['alertmanager', 'alert HighValue (948c667b1fc76492)'],
      ['alertmanager', expect.stringContaining('948c667b1fc76492')],
    ]);
  });

  it('records the alerts it can place and reports the others', async () => {
    const { app, ingest } = makeApp();
    const body = edited('alertmanager/firing.json', p => {
      const second = { ...p.alerts[0], fingerprint: 'ffff0000ffff0000' };
      p.alerts[0].labels = { ...p.alerts[0].labels, service: 'api' };
      second.labels = { ...second.labels, service: 'ghost' };
      p.alerts.push(second);
    });
    const res = await sendAlerts(app, body);
    expect(res.status).toBe(202);
    expect(res.body.errors).toMatchObject({ stored: 1 });
    expect(res.body.skipped).toHaveLength(1);
    expect(res.body.skipped[0].item).toBe(
      'error ffff0000ffff0000@2022-10-04T13:32:56.014Z',
    );
    expect(ingest.errorsList().map(e => e.entityRef)).toEqual([
      'component:default/api',
    ]);
  });

  it.each([
    ['a wrong token', `Bearer wrong-token`],
    ['no token', undefined],
    ['another scheme', `Basic ${AM_TOKEN}`],
  ])('answers 401 for %s', async (_, authorization) => {
    const { app, ingest } = makeApp(byJob);
    const req = request(app)
      .post('/webhooks/alertmanager')
      .set('Content-Type', 'application/json');
    if (authorization) {
      req.set('Authorization', authorization);
    }
    const res = await req.send(firing);
    expect(res.status).toBe(401);
    expect(ingest.calls).toEqual([]);
  });

  it('answers 400 naming the field, and records none of a payload with one bad alert', async () => {
    const { app, ingest } = makeApp(byJob);
    const body = edited('alertmanager/firing.json', p => {
      p.alerts.push({ ...p.alerts[0], fingerprint: undefined });
      p.alerts.push({ ...p.alerts[0], status: 'resolved' });
      p.alerts.push({ ...p.alerts[0], startsAt: 'soon' });
    });
    const res = await sendAlerts(app, body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'Invalid Alertmanager payload: alerts[1].fingerprint: is required; alerts[2].endsAt: is required when status is resolved; alerts[3].startsAt: must be an ISO 8601 date-time',
    );
    const v3 = edited('alertmanager/firing.json', p => {
      p.version = '3';
    });
    const res2 = await sendAlerts(app, v3);
    expect(res2.status).toBe(400);
    expect(res2.body.error.message).toMatch(/version: must be '4'/);
    expect(ingest.calls).toEqual([]);
  });

  it('stays closed with 404 while no token is configured', async () => {
    const { app } = makeApp({ github: { secret: SECRET } });
    const res = await sendAlerts(app, firing);
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(
      /opsready\.webhooks\.alertmanager\.token/,
    );
  });
});

describe('POST /webhooks/argocd', () => {
  function sendArgo(app: express.Express, body: string, token = ARGO_TOKEN) {
    return request(app)
      .post('/webhooks/argocd')
      .set('Content-Type', 'application/json')
      .set('Authorization', `Bearer ${token}`)
      .send(body);
  }

  const externalId = 'argocd/cartservice-prod@2026-11-20T14:02:11.000Z';

  it('records a running sync as a started deployment, and Synced + Healthy as succeeded', async () => {
    const { app, ingest } = makeApp();
    const running = await sendArgo(app, fixture('argocd/sync-running.json'));
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
