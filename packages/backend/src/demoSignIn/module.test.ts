import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import authPlugin from '@backstage/plugin-auth-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { authModuleDemoUsers } from './module';

const alan: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: 'alan.turing', namespace: 'default' },
  spec: { memberOf: ['payments'] },
  relations: [{ type: 'memberOf', targetRef: 'group:default/payments' }],
};
const grace: Entity = {
  ...alan,
  metadata: { name: 'grace.hopper', namespace: 'default' },
};

async function start(demo: object) {
  const { server } = await startTestBackend({
    features: [
      authPlugin,
      authModuleDemoUsers,
      catalogServiceMock.factory({ entities: [alan, grace] }),
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          auth: { providers: { demo } },
        },
      }),
    ],
  });
  return server;
}

const refresh = (server: any, user?: string) => {
  const req = request(server)
    .get('/api/auth/demo/refresh')
    .set('X-Requested-With', 'XMLHttpRequest');
  return user ? req.set('x-opsready-demo-user', user) : req;
};

describe('the demo users sign-in', () => {
  const users = [
    { entityRef: 'user:default/alan.turing', title: 'Alan Turing' },
  ];

  it('signs in as a listed demo user, with the groups the catalog knows', async () => {
    const server = await start({
      users,
      dangerouslyAllowOutsideDevelopment: true,
    });
    const res = await refresh(server, 'user:default/alan.turing').expect(200);
    expect(res.body.backstageIdentity.identity).toEqual({
      type: 'user',
      userEntityRef: 'user:default/alan.turing',
      ownershipEntityRefs: [
        'user:default/alan.turing',
        'group:default/payments',
      ],
    });
  });

  it('refuses a user who is not listed, or none, without echoing the header', async () => {
    const server = await start({
      users,
      dangerouslyAllowOutsideDevelopment: true,
    });
    const other = await refresh(server, 'user:default/grace.hopper').expect(
      401,
    );
    expect(other.body.error.message).toBe(
      'The x-opsready-demo-user header must name one of auth.providers.demo.users',
    );
    await refresh(server).expect(401);
  });

  it('works only in development unless told otherwise', async () => {
    const server = await start({ users });
    const res = await refresh(server, 'user:default/alan.turing').expect(403);
    expect(res.body.error.message).toContain('only in development');
  });
});
