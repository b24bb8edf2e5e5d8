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
  it('links an error to the deployment before it, marks a change failure, and resolves it with notes', async () => {
    const server = await startWith();
    await request(server)
      .post('/api/opsready/deployments')
      .send(deployment('run-1'))
      .expect(201);
    await request(server)
      .post('/api/opsready/errors')
      .send({
        items: [
          error('e-1'),
          error('e-2', { occurredAt: '2026-11-20T10:20:00Z' }),
        ],
      })
      .expect(201);

    const [deployed] = (await request(server).get(`${base}/deployments`)).body
      .items;
    expect(deployed).toMatchObject({
      changeFailure: true,
      changeFailureReasons: ['error'],
    });

    const grouped = await request(server).get(`${base}/errors`).expect(200);
    expect(grouped.body.view).toBe('grouped');
    expect(grouped.body.items).toEqual([
      expect.objectContaining({
        status: 'open',
        count: 2,
        occurrences: 2,
        firstSeenAt: '2026-11-20T10:15:00.000Z',
        lastSeenAt: '2026-11-20T10:20:00.000Z',
        deploymentId: deployed.id,
        deployment: {
          version: '1.4.2',
          environment: 'production',
          status: 'succeeded',
          startedAt: '2026-11-20T10:00:00.000Z',
          finishedAt: '2026-11-20T10:04:00.000Z',
        },
        userImpact: 'Carts cannot be saved',
      }),
    ]);

    const resolved = await request(server)
      .post(`/api/opsready/errors/${grouped.body.items[0].id}/resolve`)
      .send({ notes: 'Restarted redis' })
      .expect(200);
    expect(resolved.body).toMatchObject({
      status: 'resolved',
      resolvedBy: mockCredentials.user().principal.userEntityRef,
      resolutionNotes: 'Restarted redis',
    });
    const flat = await request(server)
      .get(`${base}/errors`)
      .query({ view: 'flat', status: 'open' })
      .expect(200);
    expect(flat.body.items).toEqual([]);
    await request(server)
      .post('/api/opsready/errors/nope/resolve')
      .send({})
      .expect(404);
  });

  it('refuses to resolve an error without opsready.errors.resolve', async () => {
    const permissions = mockServices.permissions.mock({
      authorize: async requests =>
        requests.map(r => ({
          result:
            (r as any).permission.name === 'opsready.errors.resolve'
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
        })),
    });
    const server = await startWith(permissions.factory);
    await request(server)
      .post('/api/opsready/errors')
      .send(error('e-1'))
      .expect(201);
    const [stored] = (
      await request(server).get(`${base}/errors`).query({ view: 'flat' })
    ).body.items;
    const res = await request(server)
      .post(`/api/opsready/errors/${stored.id}/resolve`)
      .send({ notes: 'done' })
      .expect(403);
    expect(res.body.error.message).toBe(
      'You may not resolve errors of component:default/cartservice (permission opsready.errors.resolve)',
    );
  });

  it('flags a rollback, shows versions per environment with drift, and puts everything on one timeline', async () => {
    const server = await startWith();
    await request(server)
      .post('/api/opsready/entities/component/default/cartservice/provisioned')
      .send({ templateName: 'golden-node-service', templateVersion: '3' })
      .expect(201);
    await request(server)
      .post('/api/opsready/deployments')
      .send({
        items: [
          deployment('s-1', {
            environment: 'staging',
            version: '1.5.0',
            startedAt: '2026-11-22T09:00:00Z',
            finishedAt: '2026-11-22T09:01:00Z',
          }),
          deployment('p-1'),
          deployment('p-2', {
            version: '1.5.0',
            startedAt: '2026-11-22T10:00:00Z',
            finishedAt: '2026-11-22T10:05:00Z',
          }),
          deployment('p-3', {
            version: '1.4.2',
            startedAt: '2026-11-22T11:00:00Z',
            finishedAt: '2026-11-22T11:02:00Z',
          }),
        ],
      })
      .expect(201);
    await request(server)
      .post('/api/opsready/errors')
      .send(error('e-1', { occurredAt: '2026-11-22T10:30:00Z' }))
      .expect(201);

    const deployments = (
      await request(server)
        .get(`${base}/deployments`)
        .query({ environment: 'production' })
    ).body.items;
    expect(
      deployments.map((d: any) => [
        d.externalId,
        d.previousVersion,
        d.isRollback,
        d.changeFailureReasons,
      ]),
    ).toEqual([
      ['p-3', '1.5.0', true, []],
      ['p-2', '1.4.2', false, ['followed-by-rollback', 'error']],
      ['p-1', undefined, false, []],
    ]);

    const environments = await request(server)
      .get(`${base}/environments`)
      .expect(200);
    expect(
      environments.body.items.map((e: any) => [
        e.environment,
        e.version,
        e.drift,
      ]),
    ).toEqual([
      ['production', '1.4.2', true],
      ['staging', '1.5.0', false],
    ]);

    const timeline = await request(server)
      .get(`${base}/timeline`)
      .query({
        from: '2026-11-01T00:00:00Z',
        to: '2026-11-23T00:00:00Z',
        limit: 3,
      })
      .expect(200);
    expect(timeline.body.items.map((e: any) => [e.type, e.at])).toEqual([
      ['deployment', '2026-11-22T11:00:00.000Z'],
      ['error', '2026-11-22T10:30:00.000Z'],
      ['deployment', '2026-11-22T10:00:00.000Z'],
    ]);
    expect(timeline.body.items[0].title).toBe(
      '1.4.2 to production: succeeded (rollback)',
    );
    const rest = await request(server)
      .get(`${base}/timeline`)
      .query({
        from: '2026-11-01T00:00:00Z',
        to: '2026-11-23T00:00:00Z',
        cursor: timeline.body.nextCursor,
      })
      .expect(200);
    expect(rest.body.items.map((e: any) => e.type)).toEqual([
      'deployment',
      'deployment',
    ]);
    expect(rest.body.nextCursor).toBeUndefined();
    // Created just now: the newest event of the default window, the last 30 days.
    const now = await request(server).get(`${base}/timeline`).expect(200);
    expect(now.body.items[0]).toMatchObject({
      type: 'provisioned',
      title: 'Created from template golden-node-service 3',
    });
  });

  it('counts errors per hour and severity for the chart, and refuses a bad range', async () => {
    const server = await startWith();
    await request(server)
      .post('/api/opsready/errors')
      .send({
        items: [
          error('s-1'),
          error('s-2', { severity: 'low', occurredAt: '2026-11-20T10:45:00Z' }),
          error('s-3', {
            environment: 'staging',
            occurredAt: '2026-11-20T12:00:00Z',
          }),
        ],
      })
      .expect(201);
    const series = await request(server)
      .get(`${base}/errors/series`)
      .query({ from: '2026-11-20T00:00:00Z', to: '2026-11-21T00:00:00Z' })
      .expect(200);
    expect(series.body).toEqual({
      from: '2026-11-20T00:00:00.000Z',
      to: '2026-11-21T00:00:00.000Z',
      bucket: 'hour',
      items: [
        {
          at: '2026-11-20T10:00:00.000Z',
          critical: 1,
          high: 0,
          medium: 0,
          low: 1,
        },
        {
          at: '2026-11-20T12:00:00.000Z',
          critical: 1,
          high: 0,
          medium: 0,
          low: 0,
        },
      ],
      environments: ['production', 'staging'],
    });
    const reversed = await request(server)
      .get(`${base}/errors/series`)
      .query({ from: '2026-11-21T00:00:00Z', to: '2026-11-20T00:00:00Z' })
      .expect(400);
    expect(reversed.body.error.message).toBe(
      'Invalid query: from must not be after to',
    );
  });

  it("puts each entity's open critical and high errors on its fleet row", async () => {
    const server = await startWith();
    await request(server).get(`${base}/checks`).expect(200);
    await request(server)
      .post('/api/opsready/errors')
      .send({
        items: [
          error('crit-1'),
          error('crit-2', { message: 'disk full' }),
          error('high-1', { severity: 'high', message: 'slow checkout' }),
          error('low-1', { severity: 'low', message: 'deprecated header' }),
        ],
      })
      .expect(201);

    const fleet = await request(server).get('/api/opsready/fleet').expect(200);
    expect(fleet.body.items).toEqual([
      expect.objectContaining({
        entityRef: 'component:default/cartservice',
        openErrors: { critical: 2, high: 1 },
      }),
    ]);
  });

  it('gives DORA figures of an entity and of its owner', async () => {
    const server = await startWith();
    await request(server)
      .post('/api/opsready/deployments')
      .send({
        items: [
          deployment('p-1', {
            startedAt: '2026-11-10T10:00:00Z',
            finishedAt: '2026-11-10T10:10:00Z',
            commitAt: '2026-11-10T08:10:00Z',
          }),
          deployment('p-2', {
            version: '1.4.3',
            startedAt: '2026-11-20T10:00:00Z',
            finishedAt: '2026-11-20T10:10:00Z',
            commitAt: '2026-11-19T10:10:00Z',
          }),
        ],
      })
      .expect(201);
    const query = { from: '2026-11-01T00:00:00Z', to: '2026-12-01T00:00:00Z' };
    const dora = await request(server)
      .get(`${base}/dora`)
      .query(query)
      .expect(200);
    expect(dora.body).toMatchObject({
      entityRef: 'component:default/cartservice',
      environment: 'production',
      deployments: 2,
      // 2 in 30 days: between once a week and once a month.
      deploymentFrequency: { value: 0.0667, band: 'medium' },
      // 2 h and 24 h: median 13 h.
      leadTimeHours: { value: 13, band: 'elite' },
      changeFailureRate: { value: 0, band: 'elite' },
      timeToRestoreHours: { value: null, band: null },
    });
    const fleet = await request(server)
      .get('/api/opsready/dora')
      .query({ owner: 'payments', ...query })
      .expect(200);
    expect(fleet.body).toMatchObject({
      owner: 'group:default/payments',
      deployments: 2,
      entities: [
        expect.objectContaining({
          entityRef: 'component:default/cartservice',
          deployments: 2,
        }),
      ],
    });
    const missing = await request(server).get('/api/opsready/dora').expect(400);
    expect(missing.body.error.message).toBe(
      'Invalid query: owner: is required, e.g. group:default/payments',
    );
  });
});
