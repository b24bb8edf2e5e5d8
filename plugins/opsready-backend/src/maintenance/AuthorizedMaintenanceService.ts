import {
  AuthService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import {
  normalizeEntityRef,
  opsreadyMaintenanceManagePermission,
} from '@opsready/plugin-opsready-common';
import { MaintenanceWindow } from '../database/MaintenanceWindowsStore';
import { principalName } from '../exemptions/principalName';
import { requirePermission } from '../lib/requirePermission';
import { MaintenanceWindowInput } from '../service/maintenanceValidation';
import {
  ListedMaintenanceWindow,
  MaintenanceService,
} from './MaintenanceService';

/**
 * Maintenance windows for callers: listing needs only that the caller sees
 * the entity; declaring and deleting need opsready.maintenance.manage on
 * the entity or System the window is on (its owners and the platform
 * groups, in the OpsReady policy). An entity the caller may not see stays a
 * 404, also where they would lack the permission.
 */
export class AuthorizedMaintenanceService {
  constructor(
    private readonly deps: {
      maintenance: Pick<
        MaintenanceService,
        'list' | 'create' | 'get' | 'delete'
      >;
      permissions: PermissionsService;
      auth: Pick<AuthService, 'isPrincipal'>;
      /** The entity as the caller may see it; NotFoundError otherwise. */
      readEntity(
        entityRef: string,
        credentials: BackstageCredentials,
      ): Promise<Entity>;
    },
  ) {}

  async list(
    entityRef: string,
    credentials: BackstageCredentials,
    options: { includePast?: boolean } = {},
  ): Promise<ListedMaintenanceWindow[]> {
    const entity = await this.deps.readEntity(entityRef, credentials);
    return this.deps.maintenance.list(normalizeEntityRef(entity), options);
  }

  async create(
    entityRef: string,
    input: MaintenanceWindowInput,
    credentials: BackstageCredentials,
  ): Promise<MaintenanceWindow> {
    const targetRef = await this.authorize(
      entityRef,
      credentials,
      'declare maintenance windows',
    );
    return this.deps.maintenance.create({
      targetRef,
      ...input,
      createdBy: principalName(this.deps.auth, credentials),
      source: 'manual',
    });
  }

  async delete(id: string, credentials: BackstageCredentials): Promise<void> {
    const window = await this.deps.maintenance.get(id);
    if (!window) {
      throw new NotFoundError(`No maintenance window ${id}`);
    }
    await this.authorize(
      window.targetRef,
      credentials,
      'delete maintenance windows',
    );
    await this.deps.maintenance.delete(id);
  }

  /** The entity's normalized ref, once the caller may act on it. */
  private async authorize(
    entityRef: string,
    credentials: BackstageCredentials,
    action: string,
  ): Promise<string> {
    // Seen first: whether an entity exists is not told to who cannot see it.
    const ref = normalizeEntityRef(
      await this.deps.readEntity(entityRef, credentials),
    );
    await requirePermission(
      this.deps.permissions,
      { permission: opsreadyMaintenanceManagePermission, resourceRef: ref },
      credentials,
      `${action} of ${ref}`,
    );
    return ref;
  }
}
