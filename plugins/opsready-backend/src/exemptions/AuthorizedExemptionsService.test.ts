import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Exemption } from '@opsready/plugin-opsready-common';
import { AuthorizedExemptionsService } from './AuthorizedExemptionsService';
import { ExemptionsService } from './ExemptionsService';

const entityRef = 'component:default/checkoutservice';
const exemption = {
  id: '7',
  entityRef,
  checkId: 'has-owner',
  reason: 'moving teams',
  expiresAt: '2030-01-01T00:00:00.000Z',
  createdBy: 'user:default/alice',
  createdAt: '2026-11-20T10:00:00.000Z',
  status: 'requested',
} as Exemption;
const input = {
  checkId: 'has-owner',
  reason: 'moving teams',
  expiresAt: new Date('2030-01-01T00:00:00Z'),
};

function setUp(options: { allow: boolean; visible?: boolean }) {
  const inner = {
    list: jest.fn(async () => []),
    grant: jest.fn(async () => exemption),
    request: jest.fn(async () => exemption),
    decide: jest.fn(async () => exemption),
    revoke: jest.fn(async () => {}),
  } satisfies ExemptionsService;
  const permissions = mockServices.permissions.mock({
    authorize: async () => [
      { result: options.allow ? AuthorizeResult.ALLOW : AuthorizeResult.DENY },
    ],
  });
  const service = new AuthorizedExemptionsService(inner, {
    permissions,
    store: {
      getExemption: async id => (id === exemption.id ? exemption : undefined),
    },
    evaluations: {
      readEntity: async ref => {
        if (options.visible === false) {
          throw new NotFoundError(`No entity ${ref} in the catalog`);
        }
        return { apiVersion: 'v1', kind: 'Component', metadata: { name: 'x' } };
      },
    },
  });
  return { inner, permissions, service };
}

const credentials = mockCredentials.user();

describe('AuthorizedExemptionsService', () => {
  it('grants, decides and revokes only with opsready.exemptions.manage on the entity', async () => {
    const denied = setUp({ allow: false });
    await expect(
      denied.service.grant(entityRef, input, credentials),
    ).rejects.toThrow(
      `You may not grant exemptions of ${entityRef} (permission opsready.exemptions.manage)`,
    );
    await expect(
      denied.service.decide('7', { decision: 'grant' }, credentials),
    ).rejects.toThrow(/You may not decide exemption requests/);
    await expect(denied.service.revoke('7', credentials)).rejects.toThrow(
      /You may not revoke exemptions/,
    );
    expect(denied.inner.grant).not.toHaveBeenCalled();
    expect(denied.inner.decide).not.toHaveBeenCalled();
    expect(denied.inner.revoke).not.toHaveBeenCalled();

    const allowed = setUp({ allow: true });
    await expect(
      allowed.service.grant(entityRef, input, credentials),
    ).resolves.toBe(exemption);
    expect(allowed.permissions.authorize).toHaveBeenCalledWith(
      [
        {
          permission: expect.objectContaining({
            name: 'opsready.exemptions.manage',
          }),
          resourceRef: entityRef,
        },
      ],
      { credentials },
    );
  });

  it('lets anyone who sees the entity list exemptions', async () => {
    const { service, inner, permissions } = setUp({ allow: false });
    await service.list(entityRef, credentials);
    expect(inner.list).toHaveBeenCalled();
    expect(permissions.authorize).not.toHaveBeenCalled();
  });

  it('takes a request for an exemption only with opsready.exemptions.request on the entity', async () => {
    const denied = setUp({ allow: false });
    await expect(
      denied.service.request(entityRef, input, credentials),
    ).rejects.toThrow(
      `You may not request exemptions of ${entityRef} (permission opsready.exemptions.request)`,
    );
    expect(denied.inner.request).not.toHaveBeenCalled();

    const allowed = setUp({ allow: true });
    await expect(
      allowed.service.request(entityRef, input, credentials),
    ).resolves.toBe(exemption);
    expect(allowed.permissions.authorize).toHaveBeenCalledWith(
      [
        {
          permission: expect.objectContaining({
            name: 'opsready.exemptions.request',
          }),
          resourceRef: entityRef,
        },
      ],
      { credentials },
    );
  });

  it('answers 404, not 403, for an entity or an exemption the caller cannot see', async () => {
    const { service, permissions } = setUp({ allow: false, visible: false });
    await expect(service.grant(entityRef, input, credentials)).rejects.toThrow(
      NotFoundError,
    );
    await expect(service.revoke('8', credentials)).rejects.toThrow(
      'No exemption 8',
    );
    expect(permissions.authorize).not.toHaveBeenCalled();
  });
});
