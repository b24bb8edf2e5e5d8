import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  builtInChecks,
  opsreadyChecksExtensionPoint,
} from '@opsready/plugin-opsready-node';
import { createHmac } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import request from 'supertest';
import { opsreadyPlugin } from './plugin';

const payments: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'payments', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

const checkoutservice: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkoutservice', namespace: 'default' },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:default/payments',
  },
};

const described: Entity = {
  ...checkoutservice,
  metadata: { ...checkoutservice.metadata, description: 'Places orders.' },
  spec: { ...checkoutservice.spec, system: 'online-boutique' },
};

const base = '/api/opsready/entities/component/default/checkoutservice';

// Backstage's scheduler mock would run the sweep at start-up; these tests
// drive evaluations through the API instead.
const scheduler = mockServices.scheduler.factory({
  skipTaskRunOnStartup: true,
});

async function startWith(entities: Entity[], ...extra: any[]) {
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

const statusOf = (body: any, checkId: string) =>
  body.checks.find((c: any) => c.id === checkId)?.result.status;

describe('opsready backend plugin', () => {
  it('refuses requests without credentials', async () => {
    const server = await startWith([checkoutservice, payments]);
    const none = mockCredentials.none.header();
    for (const path of [
      `${base}/checks`,
      '/api/opsready/checks',
      '/api/opsready/fleet',
      `/api/opsready/gate?entityRef=component:default/checkoutservice&minLevel=bronze`,
    ]) {
      const res = await request(server).get(path).set('Authorization', none);
      expect(res.status).toBe(401);
    }
  });

  it('scores an entity, with its level, what the next level needs, and each check', async () => {
    const server = await startWith([checkoutservice, payments]);
    const res = await request(server).get(`${base}/checks`).expect(200);
    expect(res.body).toMatchObject({
      entityRef: 'component:default/checkoutservice',
      score: expect.any(Number),
      evaluatedAt: expect.any(String),
    });
    expect(res.body.score).toBeGreaterThan(0);
    expect(res.body.score).toBeLessThan(100);
    expect(statusOf(res.body, 'catalog.owner')).toBe('pass');
    expect(statusOf(res.body, 'catalog.description')).toBe('fail');
    const description = res.body.checks.find(
      (c: any) => c.id === 'catalog.description',
    );
    expect(description).toMatchObject({
      title: 'Description',
      remediation: expect.stringContaining('metadata.description'),
      result: { message: 'No description is set.' },
    });
    expect(res.body.nextLevel).toMatchObject({ name: expect.any(String) });
  });

  it('answers 404 for an entity the catalog does not have', async () => {
    const server = await startWith([]);
    const res = await request(server)
      .get('/api/opsready/entities/component/default/nope/checks')
      .expect(404);
    expect(res.body.error.message).toBe(
      'No entity component:default/nope in the catalog',
    );
  });

  it('re-evaluates on refresh, so a fixed entity scores higher, and keeps the score history', async () => {
    const current = { entity: checkoutservice };
    const catalog = catalogServiceMock.mock({
      getEntityByRef: async () => current.entity,
      getEntitiesByRefs: async ({ entityRefs }) => ({
        items: entityRefs.map(ref =>
          ref === 'group:default/payments' ? payments : undefined,
        ),
      }),
    });
    const { server } = await startTestBackend({
      features: [opsreadyPlugin, scheduler, catalog.factory],
    });
    const before = (await request(server).get(`${base}/checks`).expect(200))
      .body;

    current.entity = described;
    // Reading again serves the stored evaluation until someone refreshes.
    expect((await request(server).get(`${base}/checks`)).body.score).toBe(
      before.score,
    );
    const after = (await request(server).post(`${base}/refresh`).expect(200))
      .body;
    expect(after.score).toBeGreaterThan(before.score);
    expect(statusOf(after, 'catalog.description')).toBe('pass');

    const history = await request(server)
      .get(`${base}/score-history`)
      .expect(200);
    expect(history.body.items.map((p: any) => p.score)).toEqual([
      before.score,
      after.score,
    ]);
  });

  it('refuses a refresh without the opsready.checks.run permission', async () => {
    const server = await startWith(
      [checkoutservice],
      mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
    );
    const res = await request(server).post(`${base}/refresh`).expect(403);
    expect(res.body.error.message).toBe(
      'You may not run the checks of component:default/checkoutservice (permission opsready.checks.run)',
    );
  });

  it('lists the checks in force with the levels, without disabled ones and with configured weights', async () => {
    const server = await startWith(
      [],
      mockServices.rootConfig.factory({
        data: {
          opsready: {
            checks: {
              disabled: ['catalog.description'],
              overrides: { 'catalog.system': { weight: 9 } },
            },
          },
        },
      }),
    );
    const res = await request(server).get('/api/opsready/checks').expect(200);
    const ids = res.body.items.map((c: any) => c.id);
    expect(ids).toContain('catalog.owner');
    expect(ids).not.toContain('catalog.description');
    expect(
      res.body.items.find((c: any) => c.id === 'catalog.system').weight,
    ).toBe(9);
    expect(res.body.levels.map((l: any) => l.name)).toEqual([
      'bronze',
      'silver',
      'gold',
    ]);
  });

  it('adds checks from backend modules and refuses a duplicate id at start-up', async () => {
    const customCheck = createBackendModule({
      pluginId: 'opsready',
      moduleId: 'acme-checks',
      register(reg) {
        reg.registerInit({
          deps: { checks: opsreadyChecksExtensionPoint },
          async init({ checks }) {
            checks.addChecks({
              id: 'acme.oncall',
              title: 'On-call rotation',
              description: 'Names its on-call rotation.',
              category: 'catalog',
              severity: 'high',
              weight: 2,
              remediation: 'Add acme.com/oncall.',
              evaluate: ({ entity }) =>
                entity.metadata.annotations?.['acme.com/oncall']
                  ? { status: 'pass', message: 'Has one.' }
                  : {
                      status: 'fail',
                      message: 'No on-call rotation is named.',
                    },
            });
          },
        });
      },
    });
    const server = await startWith([checkoutservice, payments], customCheck);
    const res = await request(server).get(`${base}/checks`).expect(200);
    expect(
      res.body.checks.find((c: any) => c.id === 'acme.oncall').result,
    ).toEqual({
      checkId: 'acme.oncall',
      status: 'fail',
      message: 'No on-call rotation is named.',
    });

    const impostor = createBackendModule({
      pluginId: 'opsready',
      moduleId: 'impostor',
      register(reg) {
        reg.registerInit({
          deps: { checks: opsreadyChecksExtensionPoint },
          async init({ checks }) {
            checks.addChecks({
              id: 'catalog.owner',
              title: 'Impostor',
              description: '',
              category: 'catalog',
              severity: 'low',
              weight: 1,
              remediation: '',
              evaluate: () => ({ status: 'pass', message: '' }),
            });
          },
        });
      },
    });
    await expect(
      startTestBackend({
        features: [
          opsreadyPlugin,
          scheduler,
          impostor,
          catalogServiceMock.factory(),
        ],
      }),
    ).rejects.toThrow(
      "An OpsReady check with id 'catalog.owner' is already registered",
    );
  });

  describe('health', () => {
    it('shows the declared endpoints before any probe, and the mistakes in their annotations', async () => {
      const declared: Entity = {
        ...checkoutservice,
        metadata: {
          ...checkoutservice.metadata,
          annotations: {
            'opsready.io/health-url-production':
              'https://checkout.example.com/healthz',
            'opsready.io/health-expected-status': 'two hundred',
          },
        },
      };
      const server = await startWith([declared]);
      const res = await request(server).get(`${base}/health`).expect(200);
      expect(res.body).toEqual({
        entityRef: 'component:default/checkoutservice',
        endpoints: [],
        declared: [
          {
            environment: 'production',
            url: 'https://checkout.example.com/healthz',
          },
        ],
        problems: [
          "opsready.io/health-expected-status: 'two hundred' is not a status or a range such as 200-299",
        ],
      });
      const history = await request(server)
        .get(`${base}/health/history`)
        .query({ from: '2026-11-01T00:00:00Z', to: '2026-11-10T00:00:00Z' })
        .expect(200);
      expect(history.body).toMatchObject({ bucket: 'day', items: [] });
      const bad = await request(server)
        .get(`${base}/health/history`)
        .query({ bucket: 'minute' })
        .expect(400);
      expect(bad.body.error.message).toMatch(/^Invalid query: bucket: /);
    });
  });

  describe('gate', () => {
    it('passes or fails an entity against a level, listing the failing checks', async () => {
      const server = await startWith([checkoutservice, payments]);
      const low = await request(server)
        .get('/api/opsready/gate')
        .query({
          entityRef: 'component:default/checkoutservice',
          minLevel: 'gold',
        })
        .expect(200);
      expect(low.body).toMatchObject({
        entityRef: 'component:default/checkoutservice',
        minLevel: 'gold',
        pass: false,
      });
      expect(low.body.failingChecks).toContainEqual({
        id: 'catalog.description',
        title: 'Description',
        severity: 'low',
        status: 'fail',
        message: 'No description is set.',
      });
    });

    it('answers 400 with what is wrong', async () => {
      const server = await startWith([checkoutservice]);
      const missing = await request(server)
        .get('/api/opsready/gate')
        .expect(400);
      expect(missing.body.error.message).toBe(
        'Invalid query: entityRef: is required, e.g. component:default/cartservice; minLevel: is required, e.g. silver',
      );
      const unknownLevel = await request(server)
        .get('/api/opsready/gate')
        .query({ entityRef: 'checkoutservice', minLevel: 'platinum' })
        .expect(400);
      expect(unknownLevel.body.error.message).toBe(
        "Invalid query: minLevel: unknown level 'platinum'; the levels are bronze, silver, gold",
      );
    });
  });

  describe('fleet', () => {
    it('lists evaluated entities with counts per level and owners, paged', async () => {
      const cartservice: Entity = {
        ...described,
        metadata: {
          name: 'cartservice',
          namespace: 'default',
          description: 'Carts.',
        },
      };
      const server = await startWith([checkoutservice, cartservice, payments]);
      await request(server).get(`${base}/checks`).expect(200);
      await request(server)
        .get('/api/opsready/entities/component/default/cartservice/checks')
        .expect(200);

      const first = await request(server)
        .get('/api/opsready/fleet')
        .query({ limit: 1 })
        .expect(200);
      expect(first.body.totalEntities).toBe(2);
      expect(first.body.items).toEqual([
        expect.objectContaining({
          entityRef: 'component:default/cartservice',
          title: 'cartservice',
          owner: 'group:default/payments',
        }),
      ]);
      expect(first.body.nextCursor).toBe('component:default/cartservice');
      expect(first.body.owners).toEqual([
        expect.objectContaining({
          owner: 'group:default/payments',
          entities: 2,
        }),
      ]);
      expect(first.body.topFailingChecks).toContainEqual({
        checkId: 'catalog.description',
        failing: 1,
      });

      const second = await request(server)
        .get('/api/opsready/fleet')
        .query({ limit: 1, cursor: first.body.nextCursor })
        .expect(200);
      expect(second.body.items.map((i: any) => i.entityRef)).toEqual([
        'component:default/checkoutservice',
      ]);

      const bad = await request(server)
        .get('/api/opsready/fleet')
        .query({ limit: 0 })
        .expect(400);
      expect(bad.body.error.message).toMatch(/^Invalid query: limit: /);
    });
  });

  describe('exemptions', () => {
    const tomorrow = () => new Date(Date.now() + 24 * 3600_000).toISOString();

    it('drops an exempt check out of the score until it is revoked', async () => {
      // Only the catalog checks, so that one exemption moves the score visibly.
      const server = await startWith(
        [checkoutservice, payments],
        mockServices.rootConfig.factory({
          data: {
            opsready: {
              checks: {
                disabled: builtInChecks
                  .filter(c => c.category !== 'catalog')
                  .map(c => c.id),
              },
            },
          },
        }),
      );
      const before = (await request(server).get(`${base}/checks`)).body;

      const created = await request(server)
        .post(`${base}/exemptions`)
        .send({
          checkId: 'catalog.description',
          reason: 'Generated service; described in its system',
          expiresAt: tomorrow(),
        })
        .expect(201);
      expect(created.body).toMatchObject({
        checkId: 'catalog.description',
        createdBy: mockCredentials.user().principal.userEntityRef,
      });

      const exempted = (await request(server).get(`${base}/checks`)).body;
      // Owner 3 + lifecycle 1 + half of dependencies' 1, of 9 -> of 8.
      expect(before.score).toBe(50);
      expect(exempted.score).toBe(56);
      expect(
        exempted.checks.find((c: any) => c.id === 'catalog.description')
          .exemption,
      ).toMatchObject({ reason: 'Generated service; described in its system' });
      const gate = await request(server).get('/api/opsready/gate').query({
        entityRef: 'component:default/checkoutservice',
        minLevel: 'bronze',
      });
      expect(gate.body.failingChecks.map((c: any) => c.id)).not.toContain(
        'catalog.description',
      );

      const list = await request(server).get(`${base}/exemptions`).expect(200);
      expect(list.body.items).toEqual([
        expect.objectContaining({ id: created.body.id, active: true }),
      ]);

      await request(server)
        .delete(`/api/opsready/exemptions/${created.body.id}`)
        .expect(204);
      expect((await request(server).get(`${base}/checks`)).body.score).toBe(
        before.score,
      );
      const afterRevoke = await request(server).get(`${base}/exemptions`);
      expect(afterRevoke.body.items[0]).toMatchObject({
        active: false,
        revokedBy: mockCredentials.user().principal.userEntityRef,
      });
    });

    it('answers 400 for a bad exemption and 404 for an unknown one', async () => {
      const server = await startWith([checkoutservice]);
      const bad = await request(server)
        .post(`${base}/exemptions`)
        .send({
          checkId: 'catalog.description',
          reason: '',
          expiresAt: 'tomorrow',
        })
        .expect(400);
      expect(bad.body.error.message).toBe(
        'Invalid exemption: reason: must say why, in at least 3 characters; expiresAt: must be an ISO 8601 date-time, e.g. 2026-11-22T10:00:00Z',
      );
      const unknownCheck = await request(server)
        .post(`${base}/exemptions`)
        .send({ checkId: 'nope', reason: 'because', expiresAt: tomorrow() })
        .expect(400);
      expect(unknownCheck.body.error.message).toBe(
        "Invalid exemption: checkId: no check 'nope' is in force (GET /checks lists them)",
      );
      await request(server)
        .delete('/api/opsready/exemptions/missing')
        .expect(404);
    });

    it('takes a request for an exemption from anyone, and lets only a manager grant or decline it', async () => {
      const catalogOnly = mockServices.rootConfig.factory({
        data: {
          opsready: {
            checks: {
              disabled: builtInChecks
                .filter(c => c.category !== 'catalog')
                .map(c => c.id),
            },
          },
        },
      });
      const ask = (server: any, checkId: string) =>
        request(server).post(`${base}/exemption-requests`).send({
          checkId,
          reason: 'Generated service; described in its system',
          expiresAt: tomorrow(),
        });

      // A service owner without opsready.exemptions.manage may ask, not grant.
      const owner = await startWith(
        [checkoutservice, payments],
        catalogOnly,
        mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
      );
      const before = (await request(owner).get(`${base}/checks`)).body.score;
      const asked = await ask(owner, 'catalog.description').expect(201);
      expect(asked.body).toMatchObject({
        status: 'requested',
        createdBy: mockCredentials.user().principal.userEntityRef,
      });
      const shown = (await request(owner).get(`${base}/checks`)).body;
      expect(shown.score).toBe(before);
      const check = shown.checks.find(
        (c: any) => c.id === 'catalog.description',
      );
      expect(check.exemption).toBeUndefined();
      expect(check.exemptionRequest).toMatchObject({ id: asked.body.id });
      const twice = await ask(owner, 'catalog.description').expect(409);
      expect(twice.body.error.message).toContain('waits for a decision');
      const refused = await request(owner)
        .post(`/api/opsready/exemptions/${asked.body.id}/decision`)
        .send({ decision: 'grant' })
        .expect(403);
      expect(refused.body.error.message).toContain(
        'opsready.exemptions.manage',
      );

      // A platform engineer decides.
      const platform = await startWith(
        [checkoutservice, payments],
        catalogOnly,
      );
      const description = await ask(platform, 'catalog.description').expect(
        201,
      );
      const system = await ask(platform, 'catalog.system').expect(201);
      const granted = await request(platform)
        .post(`/api/opsready/exemptions/${description.body.id}/decision`)
        .send({ decision: 'grant', note: 'Fine until the system has docs' })
        .expect(200);
      expect(granted.body).toMatchObject({
        status: 'granted',
        decisionNote: 'Fine until the system has docs',
        decidedBy: mockCredentials.user().principal.userEntityRef,
      });
      await request(platform)
        .post(`/api/opsready/exemptions/${system.body.id}/decision`)
        .send({ decision: 'decline' })
        .expect(200);
      const after = (await request(platform).get(`${base}/checks`)).body;
      expect(after.score).toBeGreaterThan(before);
      const byId = (id: string) => after.checks.find((c: any) => c.id === id);
      expect(byId('catalog.description').exemption).toMatchObject({
        id: description.body.id,
      });
      expect(byId('catalog.system').exemption).toBeUndefined();
      expect(byId('catalog.system').exemptionRequest).toBeUndefined();

      const again = await request(platform)
        .post(`/api/opsready/exemptions/${system.body.id}/decision`)
        .send({ decision: 'grant' })
        .expect(409);
      expect(again.body.error.message).toBe(
        `Exemption ${system.body.id} does not wait for a decision: it is declined`,
      );
      const exempt = await ask(platform, 'catalog.description').expect(409);
      expect(exempt.body.error.message).toContain('is already exempt');
      const bad = await request(platform)
        .post(`/api/opsready/exemptions/${system.body.id}/decision`)
        .send({ decision: 'maybe' })
        .expect(400);
      expect(bad.body.error.message).toMatch(/^Invalid decision: decision: /);
    });

    it('refuses to grant an exemption without opsready.exemptions.manage', async () => {
      const server = await startWith(
        [checkoutservice],
        mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
      );
      const res = await request(server)
        .post(`${base}/exemptions`)
        .send({
          checkId: 'catalog.description',
          reason: 'because',
          expiresAt: tomorrow(),
        })
        .expect(403);
      expect(res.body.error.message).toContain('opsready.exemptions.manage');
    });
  });

  it('records a webhook event for an unknown entity, and shows it only with credentials', async () => {
    // Alertmanager's own payload, its alert labelled with a service the
    // catalog does not have.
    const alert = JSON.parse(
      await readFile(
        join(__dirname, 'webhooks/__fixtures__/alertmanager/firing.json'),
        'utf8',
      ),
    );
    alert.alerts[0].labels.service = 'ghost-service';
    const { server } = await startTestBackend({
      features: [
        opsreadyPlugin,
        scheduler,
        catalogServiceMock.factory({ entities: [checkoutservice, payments] }),
        mockServices.rootConfig.factory({
          data: { opsready: { webhooks: { alertmanager: { token: 'am' } } } },
        }),
      ],
    });
    const delivered = await request(server)
      .post('/api/opsready/webhooks/alertmanager')
      .set('Authorization', 'Bearer am')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify(alert));
    expect(delivered.status).toBe(202);
    expect(delivered.body.skipped[0].reason).toMatch(/^Unknown entity: /);

    await request(server)
      .get('/api/opsready/webhook-skips')
      .set('Authorization', mockCredentials.none.header())
      .expect(401);
    const skips = await request(server)
      .get('/api/opsready/webhook-skips?source=alertmanager&limit=1')
      .set('Authorization', mockCredentials.user.header());
    expect(skips.status).toBe(200);
    expect(skips.body.items).toEqual([
      expect.objectContaining({
        source: 'alertmanager',
        reason: delivered.body.skipped[0].reason,
      }),
    ]);
    const bad = await request(server)
      .get('/api/opsready/webhook-skips?limit=0&source=jenkins')
      .set('Authorization', mockCredentials.user.header());
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(
      /source: .*limit: |limit: .*source: /,
    );
  });

  it('takes a GitHub webhook without Backstage credentials, on its signature alone', async () => {
    const payload = await readFile(
      join(__dirname, 'webhooks/__fixtures__/github/deployment.payload.json'),
    );
    const secret = 'webhook-secret';
    const hello: Entity = {
      ...checkoutservice,
      metadata: {
        name: 'hello-world',
        namespace: 'default',
        annotations: { 'github.com/project-slug': 'Codertocat/Hello-World' },
      },
    };
    const { server } = await startTestBackend({
      features: [
        opsreadyPlugin,
        scheduler,
        catalogServiceMock.factory({ entities: [hello, payments] }),
        mockServices.rootConfig.factory({
          data: { opsready: { webhooks: { github: { secret } } } },
        }),
      ],
    });
    const send = (signature: string) =>
      request(server)
        .post('/api/opsready/webhooks/github')
        .set('Content-Type', 'application/json')
        .set('X-GitHub-Event', 'deployment')
        .set('X-Hub-Signature-256', signature)
        .send(payload.toString('utf8'));
    const signed = `sha256=${createHmac('sha256', secret)
      .update(payload)
      .digest('hex')}`;

    expect((await send('sha256=00')).status).toBe(401);
    const accepted = await send(signed);
    expect(accepted.status).toBe(200);

    const deployments = await request(server)
      .get('/api/opsready/entities/component/default/hello-world/deployments')
      .set('Authorization', mockCredentials.user.header());
    expect(deployments.status).toBe(200);
    expect(deployments.body.items).toEqual([
      expect.objectContaining({ environment: 'production', source: 'github' }),
    ]);
  });
});
