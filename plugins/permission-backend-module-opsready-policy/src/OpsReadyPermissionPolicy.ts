import { UserInfoService } from '@backstage/backend-plugin-api';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  isResourcePermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  opsreadyCampaignsManagePermission,
  opsreadyChecksRunPermission,
  opsreadyErrorsResolvePermission,
  opsreadyEventsCreatePermission,
  opsreadyExemptionsManagePermission,
  opsreadyExemptionsRequestPermission,
  opsreadyMaintenanceManagePermission,
} from '@opsready/plugin-opsready-common';

/** What only the platform groups may do. */
const platformActions = new Set([
  opsreadyExemptionsManagePermission.name,
  opsreadyCampaignsManagePermission.name,
]);

/** What an entity's owners may do on it; the platform groups on every entity. */
const ownerActions = new Set([
  opsreadyChecksRunPermission.name,
  opsreadyExemptionsRequestPermission.name,
  opsreadyErrorsResolvePermission.name,
  opsreadyMaintenanceManagePermission.name,
]);

/**
 * The OpsReady permission policy:
 *
 * - everyone may read what the catalog lets them read (OpsReady has no read
 *   permission of its own: its reads follow catalog read of the entity);
 * - an entity's owners run its checks, request exemptions for it, resolve
 *   its errors and declare its maintenance windows (a System's owners, the
 *   System's), through a conditional decision that the catalog applies to
 *   the entity (owned by the user or one of their groups);
 * - members of the platform groups may do all of that on every entity,
 *   grant, decline and revoke exemptions, and launch, edit, pause and end
 *   campaigns;
 * - nobody signed in as a user ingests events (opsready.events.create): CI
 *   and the webhooks send them with service credentials, which Backstage's
 *   permissions service (`ServerPermissionClient` in
 *   `@backstage/plugin-permission-node`, the default of
 *   `@backstage/backend-defaults`) allows without asking any policy —
 *   limited only by the token's own access restrictions;
 * - an OpsReady permission this policy does not know is denied, so that a
 *   new one is closed until the policy says who may use it;
 * - anything else is allowed, so that the catalog, the scaffolder and the
 *   other plugins work as without a policy.
 *
 * @public
 */
export class OpsReadyPermissionPolicy implements PermissionPolicy {
  private readonly platformGroups: Set<string>;

  constructor(
    private readonly options: {
      /** Normalised group references (see readPlatformGroups). */
      platformGroups: string[];
      userInfo: UserInfoService;
    },
  ) {
    this.platformGroups = new Set(options.platformGroups);
  }

  /** Decides one permission for a user, or for nobody signed in. */
  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    if (!permission.name.startsWith('opsready.')) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (!user || permission.name === opsreadyEventsCreatePermission.name) {
      return { result: AuthorizeResult.DENY };
    }
    const { ownershipEntityRefs } = await this.options.userInfo.getUserInfo(
      user.credentials,
    );
    const isPlatform = ownershipEntityRefs.some(ref =>
      this.platformGroups.has(ref.toLocaleLowerCase('en-US')),
    );
    if (platformActions.has(permission.name)) {
      return {
        result: isPlatform ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
      };
    }
    if (
      ownerActions.has(permission.name) &&
      isResourcePermission(permission, 'catalog-entity')
    ) {
      if (isPlatform) {
        return { result: AuthorizeResult.ALLOW };
      }
      return createCatalogConditionalDecision(
        permission,
        catalogConditions.isEntityOwner({ claims: ownershipEntityRefs }),
      );
    }
    return { result: AuthorizeResult.DENY };
  }
}
