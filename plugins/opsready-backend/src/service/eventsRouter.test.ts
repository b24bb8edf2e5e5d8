import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';

import {
  base,
  startWith,
  deployment,
  error,
} from './__testUtils__/eventsBackend';

describe('deployments and errors API', () => {
  it('refuses calls without credentials', async () => {
    const server = await startWith();
    const none = mockCredentials.none.header();
    const post = await request(server)
      .post('/api/opsready/deployments')
      .set('Authorization', none)
      .send(deployment('run-1'));
    expect(post.status).toBe(401);
    for (const path of [
      'deployments',
      'errors',
      'timeline',
      'dora',
      'environments',
      'errors/series',
    ]) {
      const res = await request(server)
        .get(`${base}/${path}`)
        .set('Authorization', none);
      expect(res.status).toBe(401);
    }
  });

  it('refuses ingest and resolution without their permissions', async () => {
    const server = await startWith(
      mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
    );
    const ingest = await request(server)
      .post('/api/opsready/deployments')
      .send(deployment('run-1'))
      .expect(403);
    expect(ingest.body.error.message).toBe(
      'You may not send deployments and errors (permission opsready.events.create)',
    );
    await request(server)
      .post('/api/opsready/errors')
      .send(error('e-1'))
      .expect(403);
  });

  it('stores a deployment once however often it is delivered, and accepts services as callers', async () => {
    const server = await startWith();
    const batch = {
      items: [
        deployment('run-1'),
        deployment('run-2', {
          version: '1.4.3',
          startedAt: '2026-11-21T10:00:00Z',
          finishedAt: '2026-11-21T10:03:00Z',
        }),
      ],
    };
    const first = await request(server)
      .post('/api/opsready/deployments')
      .set('Authorization', mockCredentials.service.header())
      .send(batch)
      .expect(201);
    expect(first.body).toEqual({ stored: 2, updated: 0, rejected: [] });
    const again = await request(server)
      .post('/api/opsready/deployments')
      .send(batch)
      .expect(200);
    // A redelivery that changes nothing is answered, and writes nothing.
    expect(again.body).toEqual({ stored: 0, updated: 0, rejected: [] });

    const list = await request(server).get(`${base}/deployments`).expect(200);
    expect(list.body.items).toHaveLength(2);
    expect(list.body.items[0]).toMatchObject({
      version: '1.4.3',
      previousVersion: '1.4.2',
      durationMs: 180_000,
      isRollback: false,
    });
  });

  it('rejects a batch with one bad item as a whole, naming the item and field', async () => {
    const server = await startWith();
    const res = await request(server)
      .post('/api/opsready/deployments')
      .send({
        items: [
          deployment('run-1'),
          deployment('run-2', { startedAt: 'yesterday', status: 'done' }),
        ],
      })
      .expect(400);
    expect(res.body.error.message).toBe(
      "Invalid deployments: items.1.status: Invalid enum value. Expected 'started' | 'succeeded' | 'failed' | 'rolled-back', received 'done'; items.1.startedAt: must be an ISO 8601 date-time, e.g. 2026-11-22T10:00:00Z",
    );
    const list = await request(server).get(`${base}/deployments`).expect(200);
    expect(list.body.items).toEqual([]);

    const single = await request(server)
      .post('/api/opsready/errors')
      .send(error('e-1', { severity: 'urgent', entityRef: '' }))
      .expect(400);
    expect(single.body.error.message).toMatch(/^Invalid errors: entityRef: /);
    expect(single.body.error.message).toContain('severity: ');

    const tooMany = await request(server)
      .post('/api/opsready/errors')
      .send({ items: Array.from({ length: 501 }, (_, i) => error(`e-${i}`)) })
      .expect(400);
    expect(tooMany.body.error.message).toBe(
      'Invalid errors: items: must hold at most 500 items',
    );
  });

  it('caps the size of a request body', async () => {
    const server = await startWith(
      mockServices.rootConfig.factory({
        data: { opsready: { events: { maxPayloadBytes: 2048 } } },
      }),
    );
    const res = await request(server)
      .post('/api/opsready/errors')
      .send(error('e-1', { stackTrace: 'x'.repeat(4096) }));
    expect(res.status).toBe(413);
    expect(res.body.error).toEqual({
      name: 'PayloadTooLargeError',
      message: 'Request body is larger than the limit of 2048 bytes',
    });
  });

  it('updates a deployment status', async () => {
    const server = await startWith();
    await request(server)
      .post('/api/opsready/deployments')
      .send(deployment('run-1', { status: 'started', finishedAt: undefined }))
      .expect(201);
    const [stored] = (await request(server).get(`${base}/deployments`)).body
      .items;
    expect(stored.status).toBe('started');
    const patched = await request(server)
      .patch(`/api/opsready/deployments/${stored.id}`)
      .send({ status: 'failed', finishedAt: '2026-11-20T10:02:00Z' })
      .expect(200);
    expect(patched.body).toMatchObject({
      status: 'failed',
      durationMs: 120_000,
    });
    await request(server)
      .patch('/api/opsready/deployments/nope')
      .send({ status: 'failed' })
      .expect(404);
  });
});
