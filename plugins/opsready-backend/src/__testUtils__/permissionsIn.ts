import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import {
  AuthorizePermissionRequest,
  AuthorizeResult,
} from '@backstage/plugin-permission-common';
import { cartservice } from '../service/__testUtils__/eventsBackend';

export const owner = 'user:default/pat'; // payments, which owns cartservice
export const stranger = 'user:default/sam'; // storefront
const claims: Record<string, string[]> = {
  [owner]: [owner, 'group:default/payments'],
  [stranger]: [stranger, 'group:default/storefront'],
};

export type Mode = 'allow' | 'deny' | 'owners' | 'raw conditional';

/**
 * The permissions service as the permission backend answers OpsReady for the
 * mode in force. `owners` is a conditional decision "the entity is owned by
 * one of the caller's claims", which the backend has the catalog apply to
 * the entity of the resourceRef. `raw conditional` hands the conditional
 * decision itself back, which must never count as an allow.
 */
export function permissionsIn(mode: () => Mode) {
  const asked: AuthorizePermissionRequest[] = [];
  const decide = (
    query: AuthorizePermissionRequest,
    credentials: BackstageCredentials,
  ): AuthorizeResult => {
    asked.push(query);
    switch (mode()) {
      case 'allow':
        return AuthorizeResult.ALLOW;
      case 'deny':
        return AuthorizeResult.DENY;
      case 'raw conditional':
        return AuthorizeResult.CONDITIONAL;
      default: {
        const entity =
          'resourceRef' in query &&
          query.resourceRef === 'component:default/cartservice'
            ? cartservice
            : undefined;
        const user = (credentials.principal as { userEntityRef?: string })
          .userEntityRef;
        const owned = entity?.relations?.some(
          r =>
            r.type === 'ownedBy' &&
            (claims[user ?? ''] ?? []).includes(r.targetRef),
        );
        return owned ? AuthorizeResult.ALLOW : AuthorizeResult.DENY;
      }
    }
  };
  const service = mockServices.permissions.mock({
    authorize: async (queries, options) =>
      queries.map(q => ({
        result: decide(
          q as AuthorizePermissionRequest,
          (options as { credentials: BackstageCredentials }).credentials,
        ),
      })) as any,
  });
  return { service, asked };
}
