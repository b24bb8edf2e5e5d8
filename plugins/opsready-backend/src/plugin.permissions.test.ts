import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';

import { spec } from './schema/openapi/generated';
import {
  base,
  deployment,
  error,
  startWith,
} from './service/__testUtils__/eventsBackend';
import {
  Mode,
  owner,
  permissionsIn,
  stranger,
} from './__testUtils__/permissionsIn';

/*
 * Every route that needs an OpsReady permission (openapi.yaml names it in the
 * summary), with what it acts on. For each: a denied decision gives a 403
 * naming the permission, an allowed one succeeds, and a conditional decision
 * on the entity (the OpsReady policy's "owners may") is honoured: the owner
 * succeeds, someone else gets a 403.
 */

type Server = Parameters<typeof request>[0];
type Call = (server: Server, authorization: string) => request.Test;

/** Readies what the route acts on (with every permission allowed) and returns the call. */
type Prepare = (server: Server, n: number) => Promise<Call>;

const tomorrow = () => new Date(Date.now() + 24 * 3600_000).toISOString();
// A different check for every exemption, so that none is already exempt.
const checkIds = [
  'catalog.description',
  'catalog.system',
  'catalog.lifecycle',
  'catalog.owner',
  'catalog.docs',
  'catalog.dependencies',
];
const exemption = (n: number) => ({
  checkId: checkIds[n],
  reason: 'Generated service; described in its system',
  expiresAt: tomorrow(),
});

async function askedExemption(server: Server, n: number) {
  const res = await request(server)
    .post(`${base}/exemption-requests`)
    .send(exemption(n))
    .expect(201);
  return res.body.id as string;
}

async function storedError(server: Server, n: number) {
  await request(server)
    .post('/api/opsready/errors')
    .send(error(`e-${n}`, { fingerprint: `f-${n}`, message: `broken ${n}` }))
    .expect(201);
  const list = await request(server)
    .get(`${base}/errors`)
    .query({ from: '2026-11-01T00:00:00Z' })
    .expect(200);
  return list.body.items.find((e: any) => e.message === `broken ${n}`)
    .id as string;
}

const maintenanceWindow = () => ({
  startsAt: new Date().toISOString(),
  endsAt: new Date(Date.now() + 3600_000).toISOString(),
  reason: 'Database upgrade',
});

async function declaredWindow(server: Server) {
  const res = await request(server)
    .post(`${base}/maintenance-windows`)
    .send(maintenanceWindow())
    .expect(201);
  return res.body.id as string;
}

const campaign = () => ({
  name: 'Every service has an owner',
  goal: { checks: ['catalog.owner'] },
  startsAt: new Date().toISOString(),
  deadline: tomorrow(),
  owner: 'group:default/platform',
});

async function launchedCampaign(server: Server) {
  const res = await request(server)
    .post('/api/opsready/campaigns')
    .send(campaign())
    .expect(201);
  return res.body.campaign.id as string;
}

const guarded: Record<
  string,
  { permission: string; onEntity: boolean; succeeds: number; prepare: Prepare }
> = {
  'POST /entities/{kind}/{namespace}/{name}/refresh': {
    permission: 'opsready.checks.run',
    onEntity: true,
    succeeds: 200,
    prepare: async () => (server, auth) =>
      request(server).post(`${base}/refresh`).set('Authorization', auth),
  },
  'POST /entities/{kind}/{namespace}/{name}/exemption-requests': {
    permission: 'opsready.exemptions.request',
    onEntity: true,
    succeeds: 201,
    prepare: async (_s, n) => (server, auth) =>
      request(server)
        .post(`${base}/exemption-requests`)
        .set('Authorization', auth)
        .send(exemption(n)),
  },
  'POST /entities/{kind}/{namespace}/{name}/exemptions': {
    permission: 'opsready.exemptions.manage',
    onEntity: true,
    succeeds: 201,
    prepare: async (_s, n) => (server, auth) =>
      request(server)
        .post(`${base}/exemptions`)
        .set('Authorization', auth)
        .send(exemption(n)),
  },
  'POST /exemptions/{id}/decision': {
    permission: 'opsready.exemptions.manage',
    onEntity: true,
    succeeds: 200,
    prepare: async (s, n) => {
      const id = await askedExemption(s, n);
      return (server, auth) =>
        request(server)
          .post(`/api/opsready/exemptions/${id}/decision`)
          .set('Authorization', auth)
          .send({ decision: 'grant' });
    },
  },
  'DELETE /exemptions/{id}': {
    permission: 'opsready.exemptions.manage',
    onEntity: true,
    succeeds: 204,
    prepare: async (s, n) => {
      const id = await askedExemption(s, n);
      return (server, auth) =>
        request(server)
          .delete(`/api/opsready/exemptions/${id}`)
          .set('Authorization', auth);
    },
  },
  'POST /errors/{id}/resolve': {
    permission: 'opsready.errors.resolve',
    onEntity: true,
    succeeds: 200,
    prepare: async (s, n) => {
      const id = await storedError(s, n);
      return (server, auth) =>
        request(server)
          .post(`/api/opsready/errors/${id}/resolve`)
          .set('Authorization', auth)
          .send({ notes: 'Fixed' });
    },
  },
  'POST /entities/{kind}/{namespace}/{name}/maintenance-windows': {
    permission: 'opsready.maintenance.manage',
    onEntity: true,
    succeeds: 201,
    prepare: async () => (server, auth) =>
      request(server)
        .post(`${base}/maintenance-windows`)
        .set('Authorization', auth)
        .send(maintenanceWindow()),
  },
  'DELETE /maintenance-windows/{id}': {
    permission: 'opsready.maintenance.manage',
    onEntity: true,
    succeeds: 204,
    prepare: async s => {
      const id = await declaredWindow(s);
      return (server, auth) =>
        request(server)
          .delete(`/api/opsready/maintenance-windows/${id}`)
          .set('Authorization', auth);
    },
  },
  'POST /deployments': {
    permission: 'opsready.events.create',
    onEntity: false,
    succeeds: 201,
    prepare: async (_s, n) => (server, auth) =>
      request(server)
        .post('/api/opsready/deployments')
        .set('Authorization', auth)
        .send(deployment(`run-${n}`)),
  },
  'PATCH /deployments/{id}': {
    permission: 'opsready.events.create',
    onEntity: false,
    succeeds: 200,
    prepare: async (s, n) => {
      await request(s)
        .post('/api/opsready/deployments')
        .send(deployment(`run-${n}`, { status: 'started' }))
        .expect(201);
      const list = await request(s).get(`${base}/deployments`).expect(200);
      const { id } = list.body.items.find(
        (d: any) => d.externalId === `run-${n}`,
      );
      return (server, auth) =>
        request(server)
          .patch(`/api/opsready/deployments/${id}`)
          .set('Authorization', auth)
          .send({ status: 'succeeded' });
    },
  },
  'POST /errors': {
    permission: 'opsready.events.create',
    onEntity: false,
    succeeds: 201,
    prepare: async (_s, n) => (server, auth) =>
      request(server)
        .post('/api/opsready/errors')
        .set('Authorization', auth)
        .send(error(`e-${n}`, { fingerprint: `f-${n}` })),
  },
  'POST /campaigns': {
    permission: 'opsready.campaigns.manage',
    onEntity: false,
    succeeds: 201,
    prepare: async () => (server, auth) =>
      request(server)
        .post('/api/opsready/campaigns')
        .set('Authorization', auth)
        .send(campaign()),
  },
  'PATCH /campaigns/{id}': {
    permission: 'opsready.campaigns.manage',
    onEntity: false,
    succeeds: 200,
    prepare: async s => {
      const id = await launchedCampaign(s);
      return (server, auth) =>
        request(server)
          .patch(`/api/opsready/campaigns/${id}`)
          .set('Authorization', auth)
          .send({ name: 'Every production service has an owner' });
    },
  },
  'POST /entities/{kind}/{namespace}/{name}/provisioned': {
    permission: 'opsready.events.create',
    onEntity: false,
    succeeds: 201,
    prepare: async () => (server, auth) =>
      request(server)
        .post(`${base}/provisioned`)
        .set('Authorization', auth)
        .send({ templateName: 'node-service' }),
  },
  'POST /entities/{kind}/{namespace}/{name}/fix-proposals': {
    permission: 'opsready.events.create',
    onEntity: false,
    succeeds: 201,
    prepare: async () => (server, auth) =>
      request(server)
        .post(`${base}/fix-proposals`)
        .set('Authorization', auth)
        .send({
          checkIds: ['kubernetes.probes'],
          url: 'https://github.com/acme/cartservice/pull/7',
        }),
  },
};

/** `METHOD path` and the permission of every operation whose summary names one. */
function guardedInSpec(): Record<string, string> {
  const found: Record<string, string> = {};
  for (const [path, item] of Object.entries(spec.paths as any)) {
    for (const [method, op] of Object.entries(item as any)) {
      const summary = String((op as any)?.summary ?? '');
      const named = /\(permission\s+(opsready\.[a-z.]+)\)/.exec(
        summary.replace(/\s+/g, ' '),
      );
      if (named) {
        found[`${method.toUpperCase()} ${path}`] = named[1];
        expect(Object.keys((op as any).responses)).toContain('403');
      }
    }
  }
  return found;
}

// Each case starts a backend and evaluates an entity: more than Jest's 5 s
// on a busy machine.
jest.setTimeout(30_000);

describe('the routes guarded by OpsReady permissions', () => {
  it('has a case for every guarded route in openapi.yaml, with its permission', () => {
    expect(
      Object.fromEntries(
        Object.entries(guarded).map(([route, c]) => [route, c.permission]),
      ),
    ).toEqual(guardedInSpec());
  });

  describe.each(Object.entries(guarded))('%s', (_route, c) => {
    it('answers 403 naming the permission when it is denied, and succeeds when it is allowed', async () => {
      let mode: Mode = 'allow';
      const { service, asked } = permissionsIn(() => mode);
      const server = await startWith(service.factory);
      const user = mockCredentials.user.header();

      const denied = await c.prepare(server, 0);
      mode = 'deny';
      const refused = await denied(server, user).expect(403);
      expect(refused.body.error.message).toMatch(
        new RegExp(`^You may not .+ \\(permission ${c.permission}\\)$`),
      );
      // Nothing the caller may not do was done: the same call, allowed, works.
      mode = 'allow';
      asked.length = 0;
      await denied(server, user).expect(c.succeeds);
      expect(asked).toEqual([
        expect.objectContaining({
          permission: expect.objectContaining({ name: c.permission }),
          ...(c.onEntity
            ? { resourceRef: 'component:default/cartservice' }
            : {}),
        }),
      ]);

      // A conditional decision that reaches OpsReady unapplied is no allow.
      const raw = await c.prepare(server, 1);
      mode = 'raw conditional';
      await raw(server, user).expect(403);
    });

    if (c.onEntity) {
      it('honours a conditional decision on the entity: its owner may, someone else may not', async () => {
        let mode: Mode = 'allow';
        const { service } = permissionsIn(() => mode);
        const server = await startWith(service.factory);

        const byStranger = await c.prepare(server, 2);
        mode = 'owners';
        const refused = await byStranger(
          server,
          mockCredentials.user.header(stranger),
        ).expect(403);
        expect(refused.body.error.message).toContain(c.permission);

        mode = 'allow';
        const byOwner = await c.prepare(server, 3);
        mode = 'owners';
        await byOwner(server, mockCredentials.user.header(owner)).expect(
          c.succeeds,
        );
      });
    }
  });
});
