import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import { NotFoundError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express from 'express';
import request from 'supertest';
import { specCheckedServer } from '../__testUtils__/specCheckedServer';
import {
  checks,
  levels,
  ref,
  service,
} from '../campaigns/__testUtils__/campaignFixtures';
import { MemoryCampaignsStore } from '../campaigns/__testUtils__/memoryCampaignsStore';
import { AuthorizedCampaignService } from '../campaigns/AuthorizedCampaignService';
import { CampaignService } from '../campaigns/CampaignService';
import { createCampaignsRouter } from './campaignsRouter';

jest.setTimeout(60_000);

const denyAll = {
  authorize: async (requests: unknown[]) =>
    requests.map(() => ({ result: AuthorizeResult.DENY })),
  authorizeConditional: async (requests: unknown[]) =>
    requests.map(() => ({ result: AuthorizeResult.DENY })),
} as unknown as PermissionsService;

const now = new Date('2026-12-03T12:00:00Z');

async function setUp(options: { permissions?: PermissionsService } = {}) {
  const store = new MemoryCampaignsStore();
  const catalog = catalogServiceMock({
    entities: [service('cart'), service('search', 'team-b')],
  });
  const campaigns = new CampaignService({
    store,
    catalog,
    track: async () => {},
    logger: mockServices.logger.mock(),
    now: () => now,
  });
  const readEntity = async (
    entityRef: string,
    credentials: BackstageCredentials,
  ) => {
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    if (!entity)
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    return entity;
  };
  const app = express();
  app.use(
    createCampaignsRouter({
      httpAuth: mockServices.httpAuth(),
      campaigns: new AuthorizedCampaignService(campaigns, {
        permissions: options.permissions ?? mockServices.permissions(),
        auth: mockServices.auth(),
        readEntity,
      }),
      rules: { checks: () => checks, levels },
      now: () => now,
    }),
  );
  app.use(mockErrorHandler());
  return { app, store, checked: await specCheckedServer(app) };
}

const body = {
  name: 'PDBs everywhere',
  rationale: 'Node drains take services down.',
  goal: { checks: ['kubernetes.pdb'], minLevel: 'silver' },
  scope: { types: ['service'] },
  startsAt: '2026-12-01T00:00:00Z',
  deadline: '2027-01-31T00:00:00Z',
  owner: 'group:default/platform',
  enforce: true,
};

describe('campaigns API', () => {
  it('launches a campaign, lists it, edits it and follows its progress (answers as openapi.yaml says)', async () => {
    const { checked, store } = await setUp();
    const preview = await request(checked)
      .post('/campaigns/preview')
      .send(body)
      .expect(200);
    expect(preview.body).toEqual({
      matching: 2,
      sample: [ref('cart'), ref('search')],
      warnings: [],
    });

    const created = await request(checked)
      .post('/campaigns')
      .send(body)
      .expect(201);
    const id: string = created.body.campaign.id;
    expect(created.body).toEqual({
      campaign: expect.objectContaining({
        name: 'PDBs everywhere',
        state: 'active',
        createdBy: mockCredentials.user().principal.userEntityRef,
        figures: { total: 2, done: 0, exempt: 0, open: 2 },
      }),
      warnings: [],
    });
    expect(created.body.campaign.computedAt).toBeUndefined();

    // What the tracker computes, in the background.
    await store.replaceEntities(id, [
      {
        entityRef: ref('cart'),
        owner: 'group:default/team-a',
        status: 'open',
        items: [
          {
            type: 'check',
            checkId: 'kubernetes.pdb',
            title: 'Has a PodDisruptionBudget',
          },
        ],
        since: now.toISOString(),
      },
      {
        entityRef: ref('search'),
        owner: 'group:default/team-b',
        status: 'done',
        items: [],
        since: now.toISOString(),
      },
    ]);
    await store.recordDay(id, {
      day: '2026-12-03',
      total: 2,
      done: 1,
      exempt: 0,
    });
    await store.markComputed(id, now);

    const listed = await request(checked)
      .get('/campaigns')
      .query({ state: 'active', limit: 10 })
      .expect(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({
        id,
        figures: { total: 2, done: 1, exempt: 0, open: 1 },
        computedAt: now.toISOString(),
      }),
    ]);
    await request(checked).get(`/campaigns/${id}`).expect(200);

    const paused = await request(checked)
      .patch(`/campaigns/${id}`)
      .send({ state: 'paused', note: 'Change freeze' })
      .expect(200);
    expect(paused.body.campaign.state).toBe('paused');
    const history = await request(checked)
      .get(`/campaigns/${id}/history`)
      .expect(200);
    expect(history.body.items.map((c: any) => c.action)).toEqual([
      'paused',
      'launched',
    ]);

    const progress = await request(checked)
      .get(`/campaigns/${id}/progress`)
      .expect(200);
    expect(progress.body).toMatchObject({
      campaignId: id,
      burnUp: [{ day: '2026-12-03', total: 2, done: 1, exempt: 0 }],
      teams: [
        { owner: 'group:default/team-a', open: 1 },
        { owner: 'group:default/team-b', open: 0 },
      ],
    });
    const open = await request(checked)
      .get(`/campaigns/${id}/entities`)
      .query({ status: 'open', owner: 'team-a' })
      .expect(200);
    expect(open.body).toMatchObject({
      items: [{ entityRef: ref('cart') }],
      totalItems: 1,
    });

    const mine = await request(checked)
      .get('/entities/component/default/cart/campaigns')
      .expect(200);
    expect(mine.body.items).toEqual([
      expect.objectContaining({
        campaign: expect.objectContaining({ id, state: 'paused' }),
        status: 'open',
        dueAt: '2027-01-31T00:00:00.000Z',
      }),
    ]);
    await request(checked)
      .patch(`/campaigns/${id}`)
      .send({ state: 'active' })
      .expect(200);
    const items = await request(checked)
      .get('/campaign-items')
      .query({ owner: 'team-a' })
      .expect(200);
    expect(items.body).toEqual({
      owner: 'group:default/team-a',
      items: [
        {
          campaign: expect.objectContaining({ id, state: 'active' }),
          entities: [expect.objectContaining({ entityRef: ref('cart') })],
        },
      ],
    });
  });

  it('serves the status as a CSV attachment', async () => {
    // Not through the spec-checking proxy: it checks JSON answers only.
    const { app } = await setUp();
    const created = await request(app).post('/campaigns').send(body);
    const id = created.body.campaign.id;
    const csv = await request(app).get(`/campaigns/${id}/export`).expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(
      `attachment; filename="campaign-${id}.csv"`,
    );
    expect(csv.text).toBe('entity,owner,status,items left,due,campaign\n');
  });

  it('answers 400 naming the field for a campaign it cannot take', async () => {
    const { app, store } = await setUp();
    const cases: Array<[string, Record<string, unknown>, string]> = [
      [
        'POST',
        { ...body, deadline: '2026-11-01T00:00:00Z' },
        'Invalid campaign: deadline: must be after startsAt',
      ],
      [
        'POST',
        { ...body, startsAt: 'next monday' },
        'Invalid campaign: startsAt: must be an ISO 8601 date-time, e.g. 2026-11-22T10:00:00Z',
      ],
      [
        'POST',
        { ...body, goal: { checks: ['kubernetes.pbd'] } },
        "Invalid campaign: goal.checks.0: unknown check 'kubernetes.pbd'; the checks are kubernetes.pdb, catalog.docs, catalog.owner",
      ],
      [
        'POST',
        { ...body, goal: { minLevel: 'platinum' } },
        "Invalid campaign: goal.minLevel: unknown level 'platinum'; the levels are bronze, silver, gold",
      ],
      [
        'POST',
        { ...body, goal: {} },
        'Invalid campaign: goal: must name checks to pass, a minLevel, or both',
      ],
      [
        'POST',
        { ...body, owner: 'user:default/ada' },
        "Invalid campaign: owner: 'user:default/ada' is not a group, e.g. group:default/platform",
      ],
      [
        'POST',
        { ...body, name: 42 },
        'Invalid campaign: name: Expected string, received number',
      ],
      [
        'PATCH',
        { deadline: '2026-11-01T00:00:00Z' },
        'Invalid campaign: deadline: must be after startsAt (2026-12-01T00:00:00.000Z)',
      ],
      [
        'PATCH',
        { state: 'active' },
        'Invalid campaign: state: only a paused campaign can be resumed, and it is active',
      ],
    ];
    const created = await request(app).post('/campaigns').send(body);
    const id = created.body.campaign.id;
    const wrong: string[] = [];
    for (const [method, sent, message] of cases) {
      const res =
        method === 'POST'
          ? await request(app).post('/campaigns').send(sent)
          : await request(app).patch(`/campaigns/${id}`).send(sent);
      if (res.status !== 400 || res.body.error?.message !== message) {
        wrong.push(
          `${method} ${JSON.stringify(sent).slice(0, 80)}: ${res.status} ${
            res.body.error?.message
          }`,
        );
      }
    }
    expect(wrong).toEqual([]);
    expect((await store.listCampaigns({ limit: 10 })).items).toHaveLength(1);

    const queries: Array<[string, Record<string, unknown>, string]> = [
      ['/campaigns', { state: 'done' }, 'Invalid query: state: '],
      ['/campaigns', { limit: 0 }, 'Invalid query: limit: '],
      [
        '/campaigns',
        { cursor: 'not-a-cursor!' },
        'Invalid query: cursor: not a cursor from an earlier page',
      ],
      [
        `/campaigns/${id}/entities`,
        { status: 'closed' },
        'Invalid query: status: ',
      ],
      [
        '/campaign-items',
        {},
        'Invalid query: owner: is required, e.g. group:default/team-a',
      ],
    ];
    for (const [path, query, start] of queries) {
      const res = await request(app).get(path).query(query).expect(400);
      expect(res.body.error.message.startsWith(start)).toBe(true);
    }
  });

  it('answers 403 naming the permission, and 404 for a campaign or an entity not there', async () => {
    const { app } = await setUp({ permissions: denyAll });
    const denied = await request(app).post('/campaigns').send(body).expect(403);
    expect(denied.body.error.message).toBe(
      'You may not launch campaigns (permission opsready.campaigns.manage)',
    );
    const pause = await request(app)
      .patch('/campaigns/nope')
      .send({ state: 'paused' })
      .expect(403);
    expect(pause.body.error.message).toBe(
      'You may not pause campaigns (permission opsready.campaigns.manage)',
    );
    // Previewing takes no permission.
    await request(app).post('/campaigns/preview').send(body).expect(200);

    const { app: allowed } = await setUp();
    for (const path of [
      '/campaigns/nope',
      '/campaigns/nope/history',
      '/campaigns/nope/progress',
      '/campaigns/nope/entities',
      '/campaigns/nope/export',
    ]) {
      const res = await request(allowed).get(path).expect(404);
      expect(res.body.error.message).toBe('No campaign nope');
    }
    await request(allowed)
      .patch('/campaigns/nope')
      .send({ name: 'x' })
      .expect(404);
    await request(allowed)
      .get('/entities/component/default/nosuch/campaigns')
      .expect(404);
  });
});
