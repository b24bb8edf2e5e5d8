import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { opsreadyChecksExtensionPoint } from '@opsready/plugin-opsready-node';
import request from 'supertest';
import { opsreadyPlugin } from './plugin';

import {
  payments,
  checkoutservice,
  described,
  base,
  scheduler,
  startWith,
  statusOf,
} from './__testUtils__/pluginBackend';

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

  it('serves the whole spec at /openapi.json', async () => {
    const server = await startWith([checkoutservice, payments]);
    const res = await request(server)
      .get('/api/opsready/openapi.json')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/checks', '/deployments', '/webhooks/github']),
    );
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
});
