import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { Deployment } from '@opsready/plugin-opsready-common';
import { SloSpec } from '@opsready/plugin-opsready-node';
import express from 'express';
import request from 'supertest';
import { specCheckedServer } from '../__testUtils__/specCheckedServer';
import { testPluginDatabase } from '../__testUtils__/testDatabases';
import { DatabaseSloStatusStore } from '../database/DatabaseSloStatusStore';
import { StoredSloStatus } from '../database/SloStatusStore';
import { BurnRateHistoryReader } from '../slo/burnRateHistory';
import { SloReads } from '../slo/SloReads';
import { sloStatusOf } from '../slo/sloStatus';
import { createSloRouter } from './sloRouter';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3'],
  disableDocker: true,
});

const spec: SloSpec = {
  availability: { target: 0.999, windowDays: 28 },
  declaredBy: 'annotation',
};
const now = new Date('2026-12-11T12:00:00Z');
const entity = (name: string, title?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', ...(title ? { title } : {}) },
  spec: { type: 'service', owner: 'group:default/payments' },
});
const ref = (name: string) => `component:default/${name}`;
// The stranger may see every entity but "secret".
const stranger = 'user:default/sam';
const mayRead = (name: string, credentials: BackstageCredentials) =>
  name !== 'secret' ||
  (credentials.principal as { userEntityRef?: string }).userEntityRef !==
    stranger;

const statusOf = (name: string, hourRatio: number): StoredSloStatus =>
  sloStatusOf({
    entityRef: ref(name),
    spec,
    sli: {
      source: 'probes',
      queries: ['production: https://x/healthz'],
      errorRatios: { '1h': hourRatio, '5m': hourRatio, slo: 0.0002 },
      events: 1000,
      measuredAt: '2026-12-11T11:55:00.000Z',
    },
    problems: [],
  });

const deployment = (id: string, startedAt: string) =>
  ({
    id,
    entityRef: ref('cart'),
    environment: 'production',
    version: `1.0.${id}`,
    status: 'succeeded',
    startedAt,
    rollbackAdvised: id === '2',
  } as Deployment);

async function setUp() {
  const knex = await databases.init('SQLITE_3');
  const store = await DatabaseSloStatusStore.create({
    database: testPluginDatabase(knex),
  });
  const measured: string[] = [];
  const deploymentsAsked: unknown[] = [];
  const reads = new SloReads({
    store,
    specOf: e =>
      e.metadata.name === 'plain' ? { problems: [] } : { spec, problems: [] },
    // What an evaluation's measurement does: the hook stores the status.
    provider: {
      measure: async e => {
        measured.push(e.metadata.name);
        await store.saveStatuses([statusOf(e.metadata.name, 0.002)]);
        return { spec };
      },
    },
    history: new BurnRateHistoryReader({
      health: {
        getEndpoints: async () => [
          { environment: 'production', url: 'https://x/healthz' } as any,
        ],
        getRollups: async () => [
          {
            environment: 'production',
            bucket: 'hour',
            bucketStart: new Date('2026-12-11T10:00:00Z'),
            probes: 1000,
            failures: 3,
            histogram: [],
            unanswered: { refused: 0, failedToConnect: 0, timedOut: 0 },
          },
          {
            environment: 'production',
            bucket: 'hour',
            bucketStart: new Date('2026-12-11T11:00:00Z'),
            probes: 500,
            failures: 10,
            histogram: [],
            unanswered: { refused: 0, failedToConnect: 0, timedOut: 0 },
          },
        ],
      },
    }),
    deployments: {
      deploymentsBetween: async (refs, environment, range) => {
        deploymentsAsked.push({ refs, environment, range });
        return [
          deployment('1', '2026-12-11T09:00:00.000Z'),
          deployment('2', '2026-12-11T11:00:00.000Z'),
        ];
      },
    },
    catalog: {
      getEntitiesByRefs: async (
        { entityRefs }: { entityRefs: string[] },
        { credentials }: { credentials: BackstageCredentials },
      ) => ({
        items: entityRefs.map(r => {
          const name = r.split('/')[1];
          if (!mayRead(name, credentials)) return undefined;
          return entity(name, name === 'cart' ? 'Cart service' : undefined);
        }),
      }),
    },
    now: () => now,
  });
  const app = express();
  app.use(
    createSloRouter({
      httpAuth: mockServices.httpAuth(),
      slo: reads,
      readEntity: async (entityRef, credentials) => {
        const name = entityRef.split('/')[1];
        if (name === 'missing' || !mayRead(name, credentials)) {
          throw new NotFoundError(`No entity ${entityRef} in the catalog`);
        }
        return entity(name);
      },
    }),
  );
  app.use(mockErrorHandler());
  return {
    store,
    measured,
    deploymentsAsked,
    server: await specCheckedServer(app),
  };
}

describe('the SLO routes', () => {
  it("answers an entity's stored service level, its burn rate by the hour and its deployments, oldest first", async () => {
    const { store, server, measured, deploymentsAsked } = await setUp();
    await store.saveStatuses([statusOf('cart', 0.0144)]);

    const res = await request(server)
      .get('/entities/component/default/cart/slo')
      .query({ hours: 6 })
      .expect(200);
    expect(measured).toEqual([]);
    expect(res.body).toEqual({
      entityRef: ref('cart'),
      objectives: {
        declaredBy: 'annotation',
        availability: { target: 0.999, windowDays: 28 },
      },
      problems: [],
      sli: expect.objectContaining({ source: 'probes' }),
      budget: { allowed: 0.001, consumed: 0.2, remaining: 0.8, burnRate: 0.2 },
      alerts: [expect.objectContaining({ severity: 'page', factor: 14.4 })],
      burnRateHistory: {
        source: 'probes',
        window: '1h',
        points: [
          { at: '2026-12-11T11:00:00.000Z', burnRate: 3 },
          // The hour under way ends now.
          { at: '2026-12-11T12:00:00.000Z', burnRate: 20 },
        ],
      },
      deployments: [
        {
          id: '1',
          version: '1.0.1',
          environment: 'production',
          status: 'succeeded',
          at: '2026-12-11T09:00:00.000Z',
          rollbackAdvised: false,
        },
        expect.objectContaining({ id: '2', rollbackAdvised: true }),
      ],
    });
    expect(deploymentsAsked).toEqual([
      {
        refs: [ref('cart')],
        environment: undefined,
        range: { from: new Date('2026-12-11T06:00:00Z'), to: now },
      },
    ]);
  });

  it('measures an entity with an SLO that has no status yet, and says when an entity has none', async () => {
    const { server, measured } = await setUp();
    const res = await request(server)
      .get('/entities/component/default/fresh/slo')
      .expect(200);
    expect(measured).toEqual(['fresh']);
    expect(res.body.sli.errorRatios['1h']).toBe(0.002);
    // Once stored, it is read, not measured again.
    await request(server).get('/entities/component/default/fresh/slo');
    expect(measured).toEqual(['fresh']);

    const plain = await request(server)
      .get('/entities/component/default/plain/slo')
      .expect(200);
    expect(plain.body).toEqual({
      entityRef: ref('plain'),
      problems: [],
      alerts: [],
      burnRateHistory: { source: 'probes', window: '1h', points: [] },
      deployments: expect.any(Array),
    });
    expect(plain.body).not.toHaveProperty('objectives');
    expect(measured).toEqual(['fresh']);
  });

  it('answers 404 for an entity the caller may not read or the catalog does not have, and 400 naming a bad hours', async () => {
    const { server, store } = await setUp();
    await store.saveStatuses([statusOf('secret', 0.02)]);
    const res = await request(server)
      .get('/entities/component/default/secret/slo')
      .set('Authorization', mockCredentials.user.header(stranger))
      .expect(404);
    expect(res.body.error.message).toBe(
      'No entity component:default/secret in the catalog',
    );
    await request(server)
      .get('/entities/component/default/missing/slo')
      .expect(404);
    for (const hours of ['0', '721', 'day', '1.5']) {
      const bad = await request(server)
        .get('/entities/component/default/cart/slo')
        .query({ hours })
        .expect(400);
      expect(bad.body.error.message).toMatch(/^Invalid query: hours: /);
    }
  });

  it('lists the services burning fastest that the caller may see, with their titles, and 400 for a bad limit', async () => {
    const { server, store } = await setUp();
    await store.saveStatuses([
      statusOf('idle', 0),
      statusOf('cart', 0.0144),
      statusOf('secret', 0.05),
      statusOf('billing', 0.003),
    ]);
    const res = await request(server)
      .get('/slo/burning')
      .set('Authorization', mockCredentials.user.header(stranger))
      .expect(200);
    expect(res.body.items).toEqual([
      {
        entityRef: ref('cart'),
        title: 'Cart service',
        burnRate: 14.4,
        budgetRemaining: 0.8,
        source: 'probes',
        measuredAt: '2026-12-11T11:55:00.000Z',
        alerts: [expect.objectContaining({ severity: 'page' })],
      },
      expect.objectContaining({ entityRef: ref('billing'), burnRate: 3 }),
    ]);
    expect(res.body.items[1]).not.toHaveProperty('title');

    const owner = await request(server)
      .get('/slo/burning')
      .query({ limit: 1 })
      .expect(200);
    expect(owner.body.items.map((i: any) => i.entityRef)).toEqual([
      ref('secret'),
    ]);

    for (const limit of ['0', '101', 'ten']) {
      const bad = await request(server)
        .get('/slo/burning')
        .query({ limit })
        .expect(400);
      expect(bad.body.error.message).toMatch(/^Invalid query: limit: /);
    }
  });
});
