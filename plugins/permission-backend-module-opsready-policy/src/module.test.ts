import {
  coreServices,
  createBackendPlugin,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { permissionRules } from '@backstage/plugin-catalog-backend/alpha';
import { createPermissionIntegrationRouter } from '@backstage/plugin-permission-node';
import {
  opsreadyChecksRunPermission,
  opsreadyEventsCreatePermission,
  opsreadyExemptionsManagePermission,
  opsreadyExemptionsRequestPermission,
  opsreadyMaintenanceManagePermission,
} from '@opsready/plugin-opsready-common';
import permissionPlugin from '@backstage/plugin-permission-backend';
import request from 'supertest';
import { checkout, ownership } from './__testUtils__/demoOrganisation';
import { permissionModuleOpsReadyPolicy } from './module';

// Stands in for the catalog: its real permission rules, applied to one
// entity, as the permission backend asks it to for a conditional decision.
// (Mounted directly: the permissions registry would refuse the mock auth's
// on-behalf-of tokens, which carry no actor.)
const catalogStandIn = createBackendPlugin({
  pluginId: 'catalog',
  register(reg) {
    reg.registerInit({
      deps: { httpRouter: coreServices.httpRouter },
      async init({ httpRouter }) {
        httpRouter.use(
          createPermissionIntegrationRouter({
            resourceType: 'catalog-entity',
            rules: Object.values(permissionRules),
            getResources: async refs =>
              refs.map(ref =>
                ref === stringifyEntityRef(checkout) ? checkout : undefined,
              ),
          }),
        );
      },
    });
  },
});

const userInfo = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    getUserInfo: async (credentials: any) => ({
      userEntityRef: credentials.principal.userEntityRef,
      ownershipEntityRefs: ownership[credentials.principal.userEntityRef],
    }),
  }),
});

describe('the OpsReady policy module in the permission backend', () => {
  it('decides for the permission backend, the catalog applying the owner condition', async () => {
    const { server } = await startTestBackend({
      features: [
        permissionPlugin,
        permissionModuleOpsReadyPolicy,
        catalogStandIn,
        userInfo,
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            opsready: { permissions: { platformGroups: ['platform'] } },
          },
        }),
      ],
    });
    const ask = async (user: string) => {
      const res = await request(server)
        .post('/api/permission/authorize')
        .set('Authorization', mockCredentials.user.header(user))
        .send({
          items: [
            opsreadyChecksRunPermission,
            opsreadyExemptionsRequestPermission,
            opsreadyExemptionsManagePermission,
            opsreadyMaintenanceManagePermission,
          ]
            .map((permission, i) => ({
              id: String(i),
              permission,
              resourceRef: 'component:default/checkoutservice',
            }))
            .concat([
              { id: '4', permission: opsreadyEventsCreatePermission } as any,
            ]),
        })
        .expect(200);
      return res.body.items.map((item: any) => item.result);
    };
    // run checks, request, manage exemptions, maintenance, ingest
    expect(await ask('user:default/pat')).toEqual([
      'ALLOW',
      'ALLOW',
      'DENY',
      'ALLOW',
      'DENY',
    ]);
    expect(await ask('user:default/alex')).toEqual([
      'ALLOW',
      'ALLOW',
      'ALLOW',
      'ALLOW',
      'DENY',
    ]);
    expect(await ask('user:default/sam')).toEqual([
      'DENY',
      'DENY',
      'DENY',
      'DENY',
      'DENY',
    ]);
  });

  it('refuses to start with a platform group that is not a group', async () => {
    await expect(
      startTestBackend({
        features: [
          permissionPlugin,
          permissionModuleOpsReadyPolicy,
          mockServices.rootConfig.factory({
            data: {
              permission: { enabled: true },
              opsready: { permissions: { platformGroups: ['user:default/x'] } },
            },
          }),
        ],
      }),
    ).rejects.toThrow(/'user:default\/x' is a user, not a group/);
  });
});
