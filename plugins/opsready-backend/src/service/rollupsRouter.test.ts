import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { defaultLevels } from '@opsready/plugin-opsready-common';
import express from 'express';
import request from 'supertest';
import { specCheckedServer } from '../__testUtils__/specCheckedServer';
import {
  component,
  domain,
  fixedReads,
  group,
  system,
} from '../rollups/__testUtils__/org';
import { RollupService } from '../rollups/RollupService';
import { rollupScoring } from '../rollups/rollupScorecards';
import { createRollupsRouter } from './rollupsRouter';

jest.setTimeout(60_000);

// engineering > payments > checkout > checkout-api, and engineering >
// storefront. `secret` is hidden from the stranger.
const entities: Entity[] = [
  group('engineering', { children: ['payments', 'storefront'] }),
  group('payments', { parent: 'engineering' }),
  group('checkout', { parent: 'payments' }),
  group('checkout-api', { parent: 'checkout' }),
  group('storefront', { parent: 'engineering' }),
  component('cart', 'payments', 'shop'),
  component('docs-site', 'payments'),
  component('ledger', 'checkout', 'billing'),
  component('secret', 'checkout'),
  component('gateway', 'checkout-api', 'shop'),
  component('search', 'storefront', 'shop'),
  system('shop', 'commerce'),
  system('billing', 'commerce'),
  domain('commerce'),
];
const reads = fixedReads(
  {
    cart: { score: 80, level: 'silver' },
    ledger: { score: 40, level: null },
    secret: { score: 10, level: null },
    gateway: { score: 60, level: 'bronze' },
    search: { score: 90, level: 'gold' },
  },
  {
    cart: ['catalog.docs'],
    ledger: ['catalog.docs', 'catalog.owner'],
    secret: ['catalog.owner', 'catalog.docs'],
    gateway: ['catalog.docs', 'security.scan'],
  },
);

const stranger = 'user:default/sam';
const isStranger = (credentials: BackstageCredentials) =>
  (credentials.principal as { userEntityRef?: string }).userEntityRef ===
  stranger;

/** The in-memory catalog, with `secret` hidden from the stranger. */
function visibleCatalog() {
  const all = catalogServiceMock({ entities });
  const visible = (entity: Entity, credentials: BackstageCredentials) =>
    entity.metadata.name !== 'secret' || !isStranger(credentials);
  return {
    async *streamEntities(
      ...[req, options]: Parameters<typeof all.streamEntities>
    ) {
      const { credentials } = options as { credentials: BackstageCredentials };
      for await (const page of all.streamEntities(req, options)) {
        yield page.filter(e => visible(e, credentials));
      }
    },
    async getEntityByRef(
      ...[ref, options]: Parameters<typeof all.getEntityByRef>
    ) {
      const { credentials } = options as { credentials: BackstageCredentials };
      const entity = await all.getEntityByRef(ref, options);
      return entity && visible(entity, credentials) ? entity : undefined;
    },
  };
}

const checks = ['catalog.docs', 'catalog.owner', 'security.scan'].map(id => ({
  id,
  title: `Title of ${id}`,
  weight: 1,
  severity: 'medium' as const,
}));
const scorecard = (id: string, title: string, patterns: string[]) => ({
  id,
  title,
  checks: patterns,
  weights: new Map(),
  levels: defaultLevels,
});

async function server() {
  const scoring = rollupScoring(
    [
      scorecard('production-readiness', 'Production readiness', ['*']),
      scorecard('security', 'Security', ['security.*']),
    ],
    checks,
  );
  const app = express();
  app.use(
    createRollupsRouter({
      httpAuth: mockServices.httpAuth(),
      rollups: new RollupService({
        catalog: visibleCatalog() as any,
        reads,
        scoring: () => scoring,
      }),
    }),
  );
  app.use(mockErrorHandler());
  return specCheckedServer(app);
}

describe('GET /entities/{kind}/{namespace}/{name}/rollup', () => {
  it('rolls a group up through every group below it, with its child groups as the breakdown', async () => {
    const res = await request(await server())
      .get('/entities/group/default/engineering/rollup')
      .expect(200);
    expect(res.body).toEqual({
      entityRef: 'group:default/engineering',
      title: 'engineering title',
      scorecardId: 'production-readiness',
      scorecards: [
        { id: 'production-readiness', title: 'Production readiness' },
        { id: 'security', title: 'Security' },
      ],
      levels: ['gold', 'silver', 'bronze'],
      // docs-site has no score: not counted.
      entities: 5,
      averageScore: 56,
      levelCounts: { silver: 1, none: 2, bronze: 1, gold: 1 },
      worstChecks: [
        { checkId: 'catalog.docs', title: 'Title of catalog.docs', failing: 4 },
        {
          checkId: 'catalog.owner',
          title: 'Title of catalog.owner',
          failing: 2,
        },
        {
          checkId: 'security.scan',
          title: 'Title of security.scan',
          failing: 1,
        },
      ],
      breakdown: [
        {
          entityRef: 'group:default/payments',
          title: 'payments title',
          kind: 'group',
          entities: 4,
          averageScore: 48,
        },
        {
          entityRef: 'group:default/storefront',
          title: 'storefront title',
          kind: 'group',
          entities: 1,
          averageScore: 90,
        },
      ],
      moreParts: 0,
    });
  });

  it("lists a group's child groups and its own scored entities, worst first", async () => {
    const res = await request(await server())
      .get('/entities/group/default/checkout/rollup')
      .expect(200);
    expect(
      res.body.breakdown.map((p: any) => [p.entityRef, p.averageScore]),
    ).toEqual([
      ['component:default/secret', 10],
      ['component:default/ledger', 40],
      ['group:default/checkout-api', 60],
    ]);
  });

  it('does not count what the caller may not see', async () => {
    const res = await request(await server())
      .get('/entities/group/default/engineering/rollup')
      .set('Authorization', mockCredentials.user.header(stranger))
      .expect(200);
    expect(res.body).toMatchObject({ entities: 4, averageScore: 68 });
    expect(res.body.worstChecks[1]).toMatchObject({
      checkId: 'catalog.owner',
      failing: 1,
    });
  });

  it("rolls a system up from its components, and a domain from its systems'", async () => {
    const app = await server();
    const shop = await request(app)
      .get('/entities/system/default/shop/rollup')
      .expect(200);
    expect(shop.body).toMatchObject({ entities: 3, averageScore: 77 });
    expect(shop.body.breakdown.map((p: any) => p.entityRef)).toEqual([
      'component:default/gateway',
      'component:default/cart',
      'component:default/search',
    ]);
    const commerce = await request(app)
      .get('/entities/Domain/default/commerce/rollup')
      .expect(200);
    expect(commerce.body).toMatchObject({ entities: 4, averageScore: 68 });
    expect(
      commerce.body.breakdown.map((p: any) => [p.entityRef, p.entities]),
    ).toEqual([
      ['system:default/billing', 1],
      ['system:default/shop', 3],
    ]);
  });

  it("keeps to the scorecard's checks", async () => {
    const res = await request(await server())
      .get('/entities/group/default/engineering/rollup')
      .query({ scorecard: 'security' })
      .expect(200);
    expect(res.body.scorecardId).toBe('security');
    expect(res.body.worstChecks).toEqual([
      { checkId: 'security.scan', title: 'Title of security.scan', failing: 1 },
    ]);
  });

  it('answers 400 naming the kinds, or the scorecards, and 404 for an entity not in the catalog', async () => {
    const app = await server();
    const kind = await request(app)
      .get('/entities/component/default/cart/rollup')
      .expect(400);
    expect(kind.body.error.message).toBe(
      'Invalid path: kind: roll-ups are of the kinds group, system, domain',
    );
    const unknown = await request(app)
      .get('/entities/group/default/engineering/rollup')
      .query({ scorecard: 'no-such' })
      .expect(400);
    expect(unknown.body.error.message).toBe(
      "Invalid query: scorecard: unknown scorecard 'no-such'; the scorecards are production-readiness, security",
    );
    await request(app).get('/entities/group/default/nobody/rollup').expect(404);
  });
});

describe('GET /rollups', () => {
  it('pages the groups, worst average first', async () => {
    const app = await server();
    const first = await request(app)
      .get('/rollups')
      .query({ limit: 2 })
      .expect(200);
    expect(first.body).toMatchObject({
      kind: 'group',
      scorecardId: 'production-readiness',
      total: 5,
      nextCursor: '2',
    });
    expect(
      first.body.items.map((i: any) => [i.entityRef, i.averageScore]),
    ).toEqual([
      ['group:default/checkout', 37],
      ['group:default/payments', 48],
    ]);
    const rest = await request(app)
      .get('/rollups')
      .query({ limit: 5, cursor: first.body.nextCursor })
      .expect(200);
    expect(rest.body.nextCursor).toBeUndefined();
    expect(rest.body.items.map((i: any) => i.entityRef)).toEqual([
      'group:default/engineering',
      'group:default/checkout-api',
      'group:default/storefront',
    ]);
  });

  it('lists systems and domains', async () => {
    const app = await server();
    const systems = await request(app)
      .get('/rollups')
      .query({ kind: 'system' })
      .expect(200);
    expect(
      systems.body.items.map((i: any) => [i.entityRef, i.averageScore]),
    ).toEqual([
      ['system:default/billing', 40],
      ['system:default/shop', 77],
    ]);
    const domains = await request(app)
      .get('/rollups')
      .query({ kind: 'domain' })
      .expect(200);
    expect(domains.body.items).toEqual([
      expect.objectContaining({
        entityRef: 'domain:default/commerce',
        entities: 4,
        averageScore: 68,
      }),
    ]);
  });

  it('answers 400 for a kind without roll-ups and a cursor it did not give', async () => {
    const app = await server();
    const kind = await request(app)
      .get('/rollups')
      .query({ kind: 'component' })
      .expect(400);
    expect(kind.body.error.message).toContain('group, system, domain');
    const cursor = await request(app)
      .get('/rollups')
      .query({ cursor: 'abc' })
      .expect(400);
    expect(cursor.body.error.message).toBe(
      'Invalid query: cursor: not a nextCursor of this route',
    );
    await request(app).get('/rollups').query({ limit: 0 }).expect(400);
  });
});
