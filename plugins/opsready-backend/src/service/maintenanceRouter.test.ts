import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express from 'express';
import request from 'supertest';
import { specCheckedServer } from '../__testUtils__/specCheckedServer';
import {
  createTestDatabases,
  testPluginDatabase,
} from '../__testUtils__/testDatabases';
import { DatabaseMaintenanceWindowsStore } from '../database/DatabaseMaintenanceWindowsStore';
import { AuthorizedMaintenanceService } from '../maintenance/AuthorizedMaintenanceService';
import { MaintenanceService } from '../maintenance/MaintenanceService';
import { SystemLookup } from '../maintenance/SystemLookup';
import { createMaintenanceRouter } from './maintenanceRouter';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const cartservice: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'cartservice', namespace: 'default' },
  spec: { type: 'service', owner: 'group:default/payments', system: 'shop' },
};
const shop: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name: 'shop', namespace: 'default' },
  spec: { owner: 'group:default/payments' },
};
const cartPath = '/entities/component/default/cartservice/maintenance-windows';
const shopPath = '/entities/system/default/shop/maintenance-windows';

const hours = (n: number, from: Date) =>
  new Date(from.getTime() + n * 3600_000).toISOString();

const denyAll = {
  authorize: async (requests: unknown[]) =>
    requests.map(() => ({ result: AuthorizeResult.DENY })),
  authorizeConditional: async (requests: unknown[]) =>
    requests.map(() => ({ result: AuthorizeResult.DENY })),
} as unknown as PermissionsService;

async function setUp(options: { permissions?: PermissionsService } = {}) {
  let now = new Date('2026-12-05T10:00:00Z');
  const clock = () => now;
  const knex = await databases.init('SQLITE_3');
  const store = await DatabaseMaintenanceWindowsStore.create({
    database: testPluginDatabase(knex),
  });
  const catalog = catalogServiceMock({ entities: [cartservice, shop] });
  const maintenance = new MaintenanceService({
    store,
    systems: new SystemLookup({ catalog, auth: mockServices.auth() }),
    now: clock,
  });
  const readEntity = async (ref: string, credentials: BackstageCredentials) => {
    const entity = await catalog.getEntityByRef(ref, { credentials });
    if (!entity) throw new NotFoundError(`No entity ${ref} in the catalog`);
    return entity;
  };
  const router = createMaintenanceRouter({
    httpAuth: mockServices.httpAuth(),
    now: clock,
    maintenance: new AuthorizedMaintenanceService({
      maintenance,
      permissions: options.permissions ?? mockServices.permissions(),
      auth: mockServices.auth(),
      readEntity,
    }),
  });
  const app = express();
  app.use(router);
  app.use(mockErrorHandler());
  return {
    app,
    checked: await specCheckedServer(app),
    now: () => now,
    setNow: (date: Date) => {
      now = date;
    },
  };
}

describe('maintenance windows API', () => {
  it('declares windows on an entity and on its system, lists them for the entity, and deletes one (answers as openapi.yaml says)', async () => {
    const { checked, now } = await setUp();
    const own = await request(checked)
      .post(cartPath)
      .send({
        startsAt: now().toISOString(),
        endsAt: hours(2, now()),
        reason: 'Database upgrade',
        environment: 'production',
      })
      .expect(201);
    expect(own.body).toEqual({
      id: expect.any(String),
      targetRef: 'component:default/cartservice',
      environment: 'production',
      startsAt: '2026-12-05T10:00:00.000Z',
      endsAt: '2026-12-05T12:00:00.000Z',
      reason: 'Database upgrade',
      createdBy: mockCredentials.user().principal.userEntityRef,
      createdAt: expect.any(String),
      source: 'manual',
    });
    // Saturdays at 02:00 in Berlin (01:00 UTC in winter), an hour each.
    const weekly = await request(checked)
      .post(shopPath)
      .send({
        startsAt: hours(24, now()),
        endsAt: hours(25, now()),
        reason: '  Weekly network patching  ',
        cron: '0 2 * * 6',
        timeZone: 'Europe/Berlin',
      })
      .expect(201);
    expect(weekly.body).toMatchObject({
      targetRef: 'system:default/shop',
      reason: 'Weekly network patching',
      cron: '0 2 * * 6',
      timeZone: 'Europe/Berlin',
    });

    const listed = await request(checked).get(cartPath).expect(200);
    expect(listed.body.items).toEqual([
      {
        ...own.body,
        active: true,
        nextOccurrence: {
          start: '2026-12-05T10:00:00.000Z',
          end: '2026-12-05T12:00:00.000Z',
        },
      },
      {
        ...weekly.body,
        active: false,
        nextOccurrence: {
          start: '2026-12-12T01:00:00.000Z',
          end: '2026-12-12T02:00:00.000Z',
        },
      },
    ]);
    const ofSystem = await request(checked).get(shopPath).expect(200);
    expect(ofSystem.body.items.map((w: any) => w.id)).toEqual([weekly.body.id]);

    await request(checked)
      .delete(`/maintenance-windows/${own.body.id}`)
      .expect(204);
    const after = await request(checked).get(cartPath).expect(200);
    expect(after.body.items.map((w: any) => w.id)).toEqual([weekly.body.id]);
    const again = await request(checked)
      .delete(`/maintenance-windows/${own.body.id}`)
      .expect(404);
    expect(again.body.error.message).toBe(
      `No maintenance window ${own.body.id}`,
    );
  });

  it('lists a window that is over only with include=past', async () => {
    const { checked, now, setNow } = await setUp();
    const created = await request(checked)
      .post(cartPath)
      .send({
        startsAt: now().toISOString(),
        endsAt: hours(1, now()),
        reason: 'Quick restart',
      })
      .expect(201);
    setNow(new Date('2026-12-05T12:00:00Z'));
    expect((await request(checked).get(cartPath)).body.items).toEqual([]);
    const past = await request(checked)
      .get(cartPath)
      .query({ include: 'past' })
      .expect(200);
    expect(past.body.items).toEqual([
      { ...created.body, active: false, nextOccurrence: null },
    ]);
  });

  it('answers 400 naming the field for a window it cannot take', async () => {
    const { app, now } = await setUp();
    const start = now().toISOString();
    const valid = { startsAt: start, endsAt: hours(2, now()), reason: 'Why' };
    const cases: Array<[Record<string, unknown>, string]> = [
      [
        { ...valid, endsAt: start },
        'Invalid maintenance window: endsAt: must be after startsAt',
      ],
      [
        { startsAt: start, endsAt: hours(2, now()) },
        'Invalid maintenance window: reason: is required: say why, for the next reader',
      ],
      [
        { ...valid, reason: ' x ' },
        'Invalid maintenance window: reason: must say why, in at least 3 characters',
      ],
      [
        { ...valid, reason: 'r'.repeat(501) },
        'Invalid maintenance window: reason: must be at most 500 characters',
      ],
      [
        { ...valid, endsAt: hours(32 * 24, now()) },
        'Invalid maintenance window: endsAt: must be at most 31 days after startsAt',
      ],
      [
        { ...valid, startsAt: hours(-1, now()) },
        'Invalid maintenance window: startsAt: must be at most 15 minutes ago: a window cannot be declared after the fact',
      ],
      [
        { ...valid, cron: 'every saturday' },
        'Invalid maintenance window: cron: must have five fields (minute hour day-of-month month day-of-week), e.g. 0 2 * * 6',
      ],
      [
        { ...valid, cron: '0 25 * * *' },
        'Invalid maintenance window: cron: is not a cron expression (Field value (25) is out of range)',
      ],
      [
        { ...valid, cron: '0 * * * *' },
        'Invalid maintenance window: cron: fires again 1 h after 2026-12-05T10:00:00.000Z, before that occurrence ends: make the window shorter than the time between fires',
      ],
      [
        { ...valid, cron: '0 2 * * 6', timeZone: 'Mars/Olympus_Mons' },
        'Invalid maintenance window: timeZone: is not a known IANA time zone',
      ],
      [
        { ...valid, timeZone: 'Europe/Berlin' },
        'Invalid maintenance window: timeZone: is only for a recurring window (with cron)',
      ],
      [
        { ...valid, startsAt: 'tomorrow' },
        'Invalid maintenance window: startsAt: must be an ISO 8601 date-time, e.g. 2026-11-22T10:00:00Z',
      ],
    ];
    const wrong: string[] = [];
    for (const [body, message] of cases) {
      const res = await request(app).post(cartPath).send(body);
      if (res.status !== 400 || res.body.error?.message !== message) {
        wrong.push(
          `${JSON.stringify(body).slice(0, 80)}: ${res.status} ${
            res.body.error?.message
          }`,
        );
      }
    }
    expect(wrong).toEqual([]);
  });

  it('answers 403 naming the permission, and 404 for an entity the caller cannot see', async () => {
    const { app, now } = await setUp({ permissions: denyAll });
    const body = {
      startsAt: now().toISOString(),
      endsAt: hours(1, now()),
      reason: 'Upgrade',
    };
    const denied = await request(app).post(cartPath).send(body).expect(403);
    expect(denied.body.error.message).toBe(
      'You may not declare maintenance windows of component:default/cartservice (permission opsready.maintenance.manage)',
    );
    await request(app)
      .post('/entities/component/default/nosuch/maintenance-windows')
      .send(body)
      .expect(404);
    await request(app)
      .get('/entities/component/default/nosuch/maintenance-windows')
      .expect(404);
  });
});
