import { mockCredentials } from '@backstage/backend-test-utils';
import { permissionRules } from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  createPermission,
  Permission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  createConditionAuthorizer,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  opsreadyChecksRunPermission,
  opsreadyErrorsResolvePermission,
  opsreadyEventsCreatePermission,
  opsreadyExemptionsManagePermission,
  opsreadyCampaignsManagePermission,
  opsreadyExemptionsRequestPermission,
  opsreadyMaintenanceManagePermission,
  opsreadyPermissions,
} from '@opsready/plugin-opsready-common';
import { checkout, ownership } from './__testUtils__/demoOrganisation';
import { OpsReadyPermissionPolicy } from './OpsReadyPermissionPolicy';

type Kind = 'owner' | 'platform member' | 'other user' | 'nobody';
const users: Record<Kind, PolicyQueryUser | undefined> = {
  owner: userOf('user:default/pat'),
  'platform member': userOf('user:default/alex'),
  'other user': userOf('user:default/sam'),
  nobody: undefined,
};

function userOf(userEntityRef: string): PolicyQueryUser {
  return {
    credentials: mockCredentials.user(userEntityRef),
    info: { userEntityRef, ownershipEntityRefs: ownership[userEntityRef] },
  };
}

const policy = new OpsReadyPermissionPolicy({
  platformGroups: ['group:default/platform'],
  userInfo: {
    getUserInfo: async credentials => {
      const ref = (credentials.principal as { userEntityRef: string })
        .userEntityRef;
      return { userEntityRef: ref, ownershipEntityRefs: ownership[ref] };
    },
  },
});

// What the permission backend does with a conditional decision: it asks the
// catalog to apply the conditions to the entity, with the catalog's rules.
const applyInCatalog = createConditionAuthorizer(
  Object.values(permissionRules),
);
function outcome(decision: PolicyDecision): 'allow' | 'deny' {
  if (decision.result === AuthorizeResult.CONDITIONAL) {
    return applyInCatalog(decision, checkout) ? 'allow' : 'deny';
  }
  return decision.result === AuthorizeResult.ALLOW ? 'allow' : 'deny';
}

describe('OpsReadyPermissionPolicy', () => {
  // On the payments service, for each OpsReady permission and kind of user:
  // the decision the policy gives and what it comes to on that entity.
  const table: Array<
    [Permission, Kind, 'allow' | 'deny' | 'conditional', 'allow' | 'deny']
  > = [
    [opsreadyChecksRunPermission, 'owner', 'conditional', 'allow'],
    [opsreadyChecksRunPermission, 'platform member', 'allow', 'allow'],
    [opsreadyChecksRunPermission, 'other user', 'conditional', 'deny'],
    [opsreadyChecksRunPermission, 'nobody', 'deny', 'deny'],
    [opsreadyExemptionsRequestPermission, 'owner', 'conditional', 'allow'],
    [opsreadyExemptionsRequestPermission, 'platform member', 'allow', 'allow'],
    [opsreadyExemptionsRequestPermission, 'other user', 'conditional', 'deny'],
    [opsreadyExemptionsRequestPermission, 'nobody', 'deny', 'deny'],
    [opsreadyErrorsResolvePermission, 'owner', 'conditional', 'allow'],
    [opsreadyErrorsResolvePermission, 'platform member', 'allow', 'allow'],
    [opsreadyErrorsResolvePermission, 'other user', 'conditional', 'deny'],
    [opsreadyErrorsResolvePermission, 'nobody', 'deny', 'deny'],
    [opsreadyMaintenanceManagePermission, 'owner', 'conditional', 'allow'],
    [opsreadyMaintenanceManagePermission, 'platform member', 'allow', 'allow'],
    [opsreadyMaintenanceManagePermission, 'other user', 'conditional', 'deny'],
    [opsreadyMaintenanceManagePermission, 'nobody', 'deny', 'deny'],
    [opsreadyExemptionsManagePermission, 'owner', 'deny', 'deny'],
    [opsreadyExemptionsManagePermission, 'platform member', 'allow', 'allow'],
    [opsreadyExemptionsManagePermission, 'other user', 'deny', 'deny'],
    [opsreadyExemptionsManagePermission, 'nobody', 'deny', 'deny'],
    [opsreadyCampaignsManagePermission, 'owner', 'deny', 'deny'],
    [opsreadyCampaignsManagePermission, 'platform member', 'allow', 'allow'],
    [opsreadyCampaignsManagePermission, 'other user', 'deny', 'deny'],
    [opsreadyCampaignsManagePermission, 'nobody', 'deny', 'deny'],
    [opsreadyEventsCreatePermission, 'owner', 'deny', 'deny'],
    [opsreadyEventsCreatePermission, 'platform member', 'deny', 'deny'],
    [opsreadyEventsCreatePermission, 'other user', 'deny', 'deny'],
    [opsreadyEventsCreatePermission, 'nobody', 'deny', 'deny'],
  ];

  it.each(
    table.map(([permission, kind, decision, onEntity]) => ({
      name: permission.name,
      permission,
      kind,
      decision,
      onEntity,
    })),
  )(
    '$name for the $kind: $decision, which on the payments service comes to $onEntity',
    async ({ permission, kind, decision, onEntity }) => {
      const result = await policy.handle({ permission }, users[kind]);
      expect(result.result).toBe(
        {
          allow: AuthorizeResult.ALLOW,
          deny: AuthorizeResult.DENY,
          conditional: AuthorizeResult.CONDITIONAL,
        }[decision],
      );
      expect(outcome(result)).toBe(onEntity);
    },
  );

  it('has a row for every OpsReady permission and every kind of user', () => {
    const covered = new Set(table.map(([p, kind]) => `${p.name} ${kind}`));
    for (const permission of opsreadyPermissions) {
      for (const kind of Object.keys(users)) {
        expect(covered).toContain(`${permission.name} ${kind}`);
      }
    }
  });

  it('asks the catalog whether the entity is owned by the user or one of their groups', async () => {
    const decision = await policy.handle(
      { permission: opsreadyChecksRunPermission },
      users.owner,
    );
    expect(decision).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        resourceType: 'catalog-entity',
        params: { claims: ['user:default/pat', 'group:default/payments'] },
      },
    });
  });

  it('lets everyone read the catalog and use the other plugins', async () => {
    const catalogRead = createPermission({
      name: 'catalog.entity.read',
      attributes: { action: 'read' },
      resourceType: 'catalog-entity',
    });
    const scaffolderRun = createPermission({
      name: 'scaffolder.task.create',
      attributes: { action: 'create' },
    });
    for (const user of Object.values(users)) {
      for (const permission of [catalogRead, scaffolderRun]) {
        expect(await policy.handle({ permission }, user)).toEqual({
          result: AuthorizeResult.ALLOW,
        });
      }
    }
  });

  it('denies an OpsReady permission it does not know, even to the platform', async () => {
    const unknown = createPermission({
      name: 'opsready.reports.publish',
      attributes: { action: 'update' },
    });
    expect(
      await policy.handle({ permission: unknown }, users['platform member']),
    ).toEqual({ result: AuthorizeResult.DENY });
  });

  it('matches the platform groups whatever the case of the references', async () => {
    const shouting = new OpsReadyPermissionPolicy({
      platformGroups: ['group:default/platform'],
      userInfo: {
        getUserInfo: async () => ({
          userEntityRef: 'user:default/alex',
          ownershipEntityRefs: ['Group:default/Platform'],
        }),
      },
    });
    expect(
      await shouting.handle(
        { permission: opsreadyExemptionsManagePermission },
        users['platform member'],
      ),
    ).toEqual({ result: AuthorizeResult.ALLOW });
  });
});
