import {
  AuthService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  CampaignEntity,
  CampaignPreview,
  CampaignSaved,
  CampaignSummary,
  normalizeEntityRef,
  opsreadyCampaignsManagePermission,
} from '@opsready/plugin-opsready-common';
import { principalName } from '../exemptions/principalName';
import { requirePermission } from '../lib/requirePermission';
import { CampaignInputValues, CampaignPatchValues } from './campaignInput';
import { CampaignService } from './CampaignService';

/** What an edit does, as a refusal names it. */
const ACTIONS = {
  active: 'resume campaigns',
  paused: 'pause campaigns',
  ended: 'end campaigns',
} as const;

/**
 * Campaigns for callers: reading a campaign needs nothing (what the fleet
 * is asked is no secret); launching, editing, pausing, resuming and ending
 * need opsready.campaigns.manage (the platform groups, in the OpsReady
 * policy). An entity's campaigns need that the caller sees the entity: a
 * 404 otherwise.
 */
export class AuthorizedCampaignService {
  constructor(
    private readonly service: CampaignService,
    private readonly deps: {
      permissions: PermissionsService;
      auth: Pick<AuthService, 'isPrincipal'>;
      /** The entity as the caller may see it; NotFoundError otherwise. */
      readEntity(
        entityRef: string,
        credentials: BackstageCredentials,
      ): Promise<Entity>;
    },
  ) {}

  list(options: {
    state?: CampaignSummary['state'];
    cursor?: string;
    limit: number;
  }) {
    return this.service.list(options);
  }

  get(id: string) {
    return this.service.get(id);
  }

  getHistory(id: string) {
    return this.service.getHistory(id);
  }

  getProgress(id: string) {
    return this.service.getProgress(id);
  }

  listEntities(
    id: string,
    filter: { status?: CampaignEntity['status']; owner?: string },
    page: { cursor?: string; limit: number },
  ) {
    return this.service.listEntities(id, filter, page);
  }

  exportCsv(id: string) {
    return this.service.exportCsv(id);
  }

  getTeamItems(owner: string) {
    return this.service.getTeamItems(owner);
  }

  async getEntityCampaigns(
    entityRef: string,
    credentials: BackstageCredentials,
  ) {
    const entity = await this.deps.readEntity(entityRef, credentials);
    return this.service.getEntityCampaigns(normalizeEntityRef(entity));
  }

  /** Counts the scope as the caller sees the catalog: no permission needed. */
  preview(
    input: CampaignInputValues,
    credentials: BackstageCredentials,
  ): Promise<CampaignPreview> {
    return this.service.preview(input, credentials);
  }

  async create(
    input: CampaignInputValues,
    credentials: BackstageCredentials,
  ): Promise<CampaignSaved> {
    await this.authorize(credentials, 'launch campaigns');
    return this.service.create(
      input,
      principalName(this.deps.auth, credentials),
      credentials,
    );
  }

  async update(
    id: string,
    patch: CampaignPatchValues,
    credentials: BackstageCredentials,
  ): Promise<CampaignSaved> {
    await this.authorize(
      credentials,
      patch.state ? ACTIONS[patch.state] : 'edit campaigns',
    );
    return this.service.update(
      id,
      patch,
      principalName(this.deps.auth, credentials),
      credentials,
    );
  }

  private authorize(credentials: BackstageCredentials, action: string) {
    return requirePermission(
      this.deps.permissions,
      { permission: opsreadyCampaignsManagePermission },
      credentials,
      action,
    );
  }
}
