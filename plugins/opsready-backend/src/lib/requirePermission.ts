import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';

/**
 * Asks the permission framework and throws a 403 that says what the caller
 * may not do (`action`, e.g. "run the checks of component:default/cart")
 * and which permission it takes, unless the decision is ALLOW.
 */
export async function requirePermission(
  permissions: PermissionsService,
  request:
    | { permission: BasicPermission }
    | {
        permission: ResourcePermission<'catalog-entity'>;
        resourceRef: string;
      },
  credentials: BackstageCredentials,
  action: string,
): Promise<void> {
  const [decision] = await permissions.authorize([request], { credentials });
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(
      `You may not ${action} (permission ${request.permission.name})`,
    );
  }
}
