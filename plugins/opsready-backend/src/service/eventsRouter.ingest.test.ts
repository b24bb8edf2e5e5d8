import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import express from 'express';
import request from 'supertest';
import { createEventsRouter } from './eventsRouter';
import {
  base,
  deployment,
  error,
  startWith,
} from './__testUtils__/eventsBackend';

const NOPE = 'component:default/nope';

describe('ingest of events for entities the catalog does not have', () => {
  it('stores the rest of the batch and lists those items in rejected', async () => {
    const server = await startWith();
    const res = await request(server)
      .post('/api/opsready/deployments')
      .send({
        items: [
          deployment('run-1'),
          deployment('run-2', { entityRef: NOPE }),
          deployment('run-3', {
            startedAt: '2026-11-21T10:00:00Z',
            finishedAt: '2026-11-21T10:03:00Z',
          }),
        ],
      })
      .expect(201);
    expect(res.body).toEqual({
      stored: 2,
      updated: 0,
      rejected: [
        {
          index: 1,
          externalId: 'run-2',
          reason: `entityRef ${NOPE} is not in the catalog`,
        },
      ],
    });
    const list = await request(server).get(`${base}/deployments`).expect(200);
    expect(list.body.items.map((d: any) => d.externalId).sort()).toEqual([
      'run-1',
      'run-3',
    ]);

    const errors = await request(server)
      .post('/api/opsready/errors')
      .send({ items: [error('e-1', { entityRef: 'nope' }), error('e-2')] })
      .expect(201);
    expect(errors.body.rejected).toEqual([
      {
        index: 0,
        externalId: 'e-1',
        reason: `entityRef ${NOPE} is not in the catalog`,
      },
    ]);
    expect(errors.body.stored).toBe(1);
  }, 60_000);

  it('answers 400 and stores nothing when no item names an entity of the catalog', async () => {
    const server = await startWith();
    const single = await request(server)
      .post('/api/opsready/deployments')
      .send(deployment('run-1', { entityRef: NOPE }))
      .expect(400);
    expect(single.body.error.message).toBe(
      `Invalid deployments: entityRef ${NOPE} is not in the catalog`,
    );
    const batch = await request(server)
      .post('/api/opsready/errors')
      .send({
        items: [
          error('e-1', { entityRef: NOPE }),
          error('e-2', { entityRef: 'component:default/gone' }),
        ],
      })
      .expect(400);
    expect(batch.body.error.message).toBe(
      `Invalid errors: items.0: entityRef ${NOPE} is not in the catalog; items.1: entityRef component:default/gone is not in the catalog`,
    );
  }, 60_000);
});

describe('the catalog lookup of an ingest request', () => {
  it('is one call with the plugin’s own credentials, whoever the caller is', async () => {
    const getEntitiesByRefs = jest.fn(
      async ({ entityRefs }: any, _options: any) => ({
        items: entityRefs.map((ref: string) =>
          ref === NOPE ? undefined : { kind: 'Component' },
        ),
      }),
    );
    const recordValidDeployments = jest.fn(async (inputs: unknown[]) => ({
      stored: inputs.length - 1,
      updated: 0,
      // The third item it was given is refused by the event ingest.
      rejected: [{ index: 2, externalId: 'run-4', reason: 'no' }],
    }));
    const app = express();
    app.use(
      createEventsRouter({
        httpAuth: mockServices.httpAuth({
          defaultCredentials: mockCredentials.service('external:ci'),
        }),
        auth: mockServices.auth({ pluginId: 'opsready' }),
        permissions: mockServices.permissions(),
        catalog: { getEntitiesByRefs } as any,
        events: { recordValidDeployments } as any,
        deployments: {} as any,
        errors: {} as any,
        provisioned: {} as any,
        health: {} as any,
        scores: {} as any,
        config: { maxPayloadBytes: 1024 * 1024, maxBatch: 10 } as any,
        readEntity: {} as any,
      }),
    );
    app.use(mockErrorHandler());

    const res = await request(app)
      .post('/deployments')
      .send({
        items: [
          deployment('run-1'),
          deployment('run-2', { entityRef: NOPE }),
          deployment('run-3'),
          deployment('run-4'),
        ],
      })
      .expect(201);

    expect(getEntitiesByRefs).toHaveBeenCalledTimes(1);
    expect(getEntitiesByRefs.mock.calls[0][0].entityRefs).toEqual([
      'component:default/cartservice',
      NOPE,
    ]);
    expect(getEntitiesByRefs.mock.calls[0][1]).toEqual({
      credentials: mockCredentials.service('plugin:opsready'),
    });
    expect(recordValidDeployments.mock.calls[0][0]).toHaveLength(3);
    // Indexes are those of the request's batch.
    expect(res.body.rejected).toEqual([
      {
        index: 1,
        externalId: 'run-2',
        reason: `entityRef ${NOPE} is not in the catalog`,
      },
      { index: 3, externalId: 'run-4', reason: 'no' },
    ]);
  });
});
