// openapi-fetch names the client's methods after the HTTP verbs (GET, POST).
/* eslint-disable new-cap */
import { CompoundEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import {
  CampaignChange,
  CampaignInput,
  CampaignPatch,
  CampaignPreview,
  CampaignProgress,
  CampaignSaved,
  CampaignSummary,
  Deployment,
  DeploymentFilter,
  DoraFigures,
  EntityCampaign,
  EntityEvaluation,
  EntityExemption,
  EntityHealth,
  EnvironmentVersion,
  ServiceError,
  SloBurning,
  SloStatus,
  ErrorFilter,
  ErrorSeries,
  Exemption,
  ExemptionDecision,
  FixProposal,
  FleetFilter,
  FleetOverview,
  HealthHistory,
  ListedMaintenanceWindow,
  MaintenanceWindow,
  NewExemption,
  NotificationFilter,
  NotificationRecord,
  NewMaintenanceWindow,
  OwnerDora,
  Page,
  PageRequest,
  Rollup,
  RollupsPage,
  RollupsQuery,
  responseData,
  ScorePoint,
  TeamCampaignItems,
  TimelineEvent,
  TimeRange,
  ScorecardDescription,
} from '@opsready/plugin-opsready-common';
import {
  CampaignEntitiesPage,
  CampaignEntityFilter,
  CampaignExport,
  CampaignFilter,
  CheckCatalog,
  OpsReadyApi,
  ScorecardCandidate,
  ScorecardPreview,
} from './OpsReadyApi';
import { CampaignRequests } from './CampaignRequests';
import { RollupRequests } from './RollupRequests';
import { OpenApiClient, openApiClient } from './openApiClient';

/**
 * Talks to the OpsReady backend through the typed client generated from its
 * spec, with the app's discovery and fetch APIs, so the user's Backstage
 * token goes along with every request.
 *
 * The answers the backend promises are typed more strictly by hand than the
 * spec types them (opsready-common checks that those types fit the spec), so
 * some answers are read as those types.
 *
 * @public
 */
export class OpsReadyClient implements OpsReadyApi {
  private readonly api: OpenApiClient;
  private readonly campaigns: CampaignRequests;
  private readonly rollups: RollupRequests;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.api = openApiClient(options);
    this.campaigns = new CampaignRequests(this.api);
    this.rollups = new RollupRequests(this.api);
  }

  async getEntityEvaluation(
    entity: CompoundEntityRef,
  ): Promise<EntityEvaluation> {
    const api = await this.api();
    return responseData(
      api.GET('/entities/{kind}/{namespace}/{name}/checks', {
        params: { path: entity },
      }),
    ) as Promise<EntityEvaluation>;
  }

  async refreshEntityEvaluation(
    entity: CompoundEntityRef,
  ): Promise<EntityEvaluation> {
    const api = await this.api();
    return responseData(
      api.POST('/entities/{kind}/{namespace}/{name}/refresh', {
        params: { path: entity },
      }),
    ) as Promise<EntityEvaluation>;
  }

  async getScoreHistory(
    entity: CompoundEntityRef,
    range: TimeRange = {},
  ): Promise<{ items: ScorePoint[] }> {
    const api = await this.api();
    return responseData(
      api.GET('/entities/{kind}/{namespace}/{name}/score-history', {
        params: { path: entity, query: range },
      }),
    );
  }

  async getExemptions(
    entity: CompoundEntityRef,
  ): Promise<{ items: EntityExemption[] }> {
    const api = await this.api();
    return responseData(
      api.GET('/entities/{kind}/{namespace}/{name}/exemptions', {
        params: { path: entity },
      }),
    ) as Promise<{ items: EntityExemption[] }>;
  }

  async createExemption(
    entity: CompoundEntityRef,
    exemption: NewExemption,
  ): Promise<Exemption> {
    const api = await this.api();
    return responseData(
      api.POST('/entities/{kind}/{namespace}/{name}/exemptions', {
        params: { path: entity },
        body: exemption,
      }),
    );
  }

  async requestExemption(
    entity: CompoundEntityRef,
    exemption: NewExemption,
  ): Promise<Exemption> {
    const api = await this.api();
    return responseData(
      api.POST('/entities/{kind}/{namespace}/{name}/exemption-requests', {
        params: { path: entity },
        body: exemption,
      }),
    );
  }

  async decideExemption(
    id: string,
    decision: ExemptionDecision,
  ): Promise<Exemption> {
    const api = await this.api();
    return responseData(
      api.POST('/exemptions/{id}/decision', {
        params: { path: { id } },
        body: decision,
      }),
    );
  }

  async revokeExemption(id: string): Promise<void> {
    const api = await this.api();
    await api.DELETE('/exemptions/{id}', { params: { path: { id } } });
  }

  async getHealth(entity: CompoundEntityRef): Promise<EntityHealth> {
    const api = await this.api();
    return responseData(
      api.GET('/entities/{kind}/{namespace}/{name}/health', {
        params: { path: entity },
      }),
    ) as Promise<EntityHealth>;
  }

  /** {@inheritDoc OpsReadyApi.getHealthHistory} */
  async getHealthHistory(
    entity: CompoundEntityRef,
    options: TimeRange & { bucket?: 'hour' | 'day' } = {},
  ): Promise<HealthHistory> {
    const api = await this.api();
    return responseData(
      api.GET('/entities/{kind}/{namespace}/{name}/health/history', {
        params: { path: entity, query: options },
      }),
    );
  }

  /** {@inheritDoc OpsReadyApi.getMaintenanceWindows} */
  async getMaintenanceWindows(
    entity: CompoundEntityRef,
    options: { includePast?: boolean } = {},
  ): Promise<{ items: ListedMaintenanceWindow[] }> {
    const api = await this.api();
    return responseData(
      api.GET('/entities/{kind}/{namespace}/{name}/maintenance-windows', {
        params: {
          path: entity,
          query: options.includePast ? { include: 'past' } : {},
        },
      }),
    );
  }

  /** {@inheritDoc OpsReadyApi.createMaintenanceWindow} */
  async createMaintenanceWindow(
    entity: CompoundEntityRef,
    window: NewMaintenanceWindow,
  ): Promise<MaintenanceWindow> {
    const api = await this.api();
    return responseData(
      api.POST('/entities/{kind}/{namespace}/{name}/maintenance-windows', {
        params: { path: entity },
        body: window,
      }),
    );
  }

  /** {@inheritDoc OpsReadyApi.deleteMaintenanceWindow} */
  async deleteMaintenanceWindow(id: string): Promise<void> {
    const api = await this.api();
    await api.DELETE('/maintenance-windows/{id}', { params: { path: { id } } });
  }

  async getDeployments(
    entity: CompoundEntityRef,
    filter: DeploymentFilter = {},
    page: PageRequest = {},
  ): Promise<Page<Deployment>> {
    const api = await this.api();
    return responseData(
      api.GET('/entities/{kind}/{namespace}/{name}/deployments', {
        params: { path: entity, query: { ...filter, ...page } },
      }),
    ) as Promise<Page<Deployment>>;
  }

  async getEnvironments(
    entity: CompoundEntityRef,
  ): Promise<{ items: EnvironmentVersion[] }> {
    const api = await this.api();
    return responseData(
      api.GET('/entities/{kind}/{namespace}/{name}/environments', {
        params: { path: entity },
      }),
    ) as Promise<{ items: EnvironmentVersion[] }>;
  }

  async getDora(
    entity: CompoundEntityRef,
    options: TimeRange & { environment?: string } = {},
  ): Promise<DoraFigures> {
    const api = await this.api();
    return responseData(
      api.GET('/entities/{kind}/{namespace}/{name}/dora', {
        params: { path: entity, query: options },
      }),
    ) as Promise<DoraFigures>;
  }

  async getOwnerDora(
    owner: string,
    options: TimeRange & { environment?: string } = {},
  ): Promise<OwnerDora> {
    const api = await this.api();
    return responseData(
      api.GET('/dora', { params: { query: { owner, ...options } } }),
    ) as Promise<OwnerDora>;
  }

  async getErrors(
    entity: CompoundEntityRef,
    filter: ErrorFilter = {},
    page: PageRequest = {},
  ): Promise<Page<ServiceError>> {
    const api = await this.api();
    return responseData(
      api.GET('/entities/{kind}/{namespace}/{name}/errors', {
        params: { path: entity, query: { ...filter, ...page } },
      }),
    ) as Promise<Page<ServiceError>>;
  }

  async getErrorSeries(
    entity: CompoundEntityRef,
    options: TimeRange & { environment?: string } = {},
  ): Promise<ErrorSeries> {
    const api = await this.api();
    return responseData(
      api.GET('/entities/{kind}/{namespace}/{name}/errors/series', {
        params: { path: entity, query: options },
      }),
    );
  }

  async resolveError(id: string, notes?: string): Promise<ServiceError> {
    const api = await this.api();
    return responseData(
      api.POST('/errors/{id}/resolve', {
        params: { path: { id } },
        body: notes ? { notes } : {},
      }),
    ) as Promise<ServiceError>;
  }

  async getTimeline(
    entity: CompoundEntityRef,
    range: TimeRange = {},
    page: PageRequest = {},
  ): Promise<Page<TimelineEvent> & { from: string; to: string }> {
    const api = await this.api();
    return responseData(
      api.GET('/entities/{kind}/{namespace}/{name}/timeline', {
        params: { path: entity, query: { ...range, ...page } },
      }),
    ) as Promise<Page<TimelineEvent> & { from: string; to: string }>;
  }

  async getFleet(
    filter: FleetFilter = {},
    page: PageRequest = {},
  ): Promise<FleetOverview> {
    const api = await this.api();
    return responseData(
      api.GET('/fleet', { params: { query: { ...filter, ...page } } }),
    ) as Promise<FleetOverview>;
  }

  async getNotifications(
    entity: CompoundEntityRef,
    filter: NotificationFilter = {},
    page: PageRequest = {},
  ): Promise<Page<NotificationRecord>> {
    const api = await this.api();
    return responseData(
      api.GET('/entities/{kind}/{namespace}/{name}/notifications', {
        params: { path: entity, query: { ...filter, ...page } },
      }),
    );
  }

  async getChecks(): Promise<CheckCatalog> {
    const api = await this.api();
    return responseData(api.GET('/checks', {}));
  }

  async getScorecards(): Promise<ScorecardDescription[]> {
    const api = await this.api();
    return (await responseData(api.GET('/scorecards', {}))).items;
  }

  // Campaigns are answered by CampaignRequests.
  getCampaigns(
    filter?: CampaignFilter,
    page?: PageRequest,
  ): Promise<Page<CampaignSummary>> {
    return this.campaigns.getCampaigns(filter, page);
  }

  getCampaign(id: string): Promise<CampaignSummary> {
    return this.campaigns.getCampaign(id);
  }

  previewCampaign(input: CampaignInput): Promise<CampaignPreview> {
    return this.campaigns.previewCampaign(input);
  }

  createCampaign(input: CampaignInput): Promise<CampaignSaved> {
    return this.campaigns.createCampaign(input);
  }

  updateCampaign(id: string, patch: CampaignPatch): Promise<CampaignSaved> {
    return this.campaigns.updateCampaign(id, patch);
  }

  getCampaignHistory(id: string): Promise<{ items: CampaignChange[] }> {
    return this.campaigns.getCampaignHistory(id);
  }

  getCampaignProgress(id: string): Promise<CampaignProgress> {
    return this.campaigns.getCampaignProgress(id);
  }

  getCampaignEntities(
    id: string,
    filter?: CampaignEntityFilter,
    page?: PageRequest,
  ): Promise<CampaignEntitiesPage> {
    return this.campaigns.getCampaignEntities(id, filter, page);
  }

  /** {@inheritDoc OpsReadyApi.exportCampaign} */
  exportCampaign(id: string): Promise<CampaignExport> {
    return this.campaigns.exportCampaign(id);
  }

  getEntityCampaigns(
    entity: CompoundEntityRef,
  ): Promise<{ items: EntityCampaign[] }> {
    return this.campaigns.getEntityCampaigns(entity);
  }

  getCampaignItems(
    owner: string,
  ): Promise<{ owner: string; items: TeamCampaignItems[] }> {
    return this.campaigns.getCampaignItems(owner);
  }

  /** {@inheritDoc OpsReadyApi.getSlo} */
  async getSlo(
    entity: CompoundEntityRef,
    options: { hours?: number } = {},
  ): Promise<SloStatus> {
    const api = await this.api();
    return responseData(
      api.GET('/entities/{kind}/{namespace}/{name}/slo', {
        params: { path: entity, query: options },
      }),
    );
  }

  /** {@inheritDoc OpsReadyApi.getBurningServices} */
  async getBurningServices(
    options: { limit?: number } = {},
  ): Promise<{ items: SloBurning[] }> {
    const api = await this.api();
    return responseData(
      api.GET('/slo/burning', { params: { query: options } }),
    );
  }

  /** {@inheritDoc OpsReadyApi.getFixProposals} */
  async getFixProposals(
    entity: CompoundEntityRef,
  ): Promise<{ items: FixProposal[] }> {
    const api = await this.api();
    return responseData(
      api.GET('/entities/{kind}/{namespace}/{name}/fix-proposals', {
        params: { path: entity },
      }),
    );
  }

  /** The scoring configuration in force, in the shape a candidate takes. */
  async getScorecardConfig(): Promise<ScorecardCandidate> {
    const api = await this.api();
    return responseData(api.GET('/scorecards/config'));
  }

  /** What a candidate scoring configuration would do to the fleet. */
  async previewScorecards(
    candidate: ScorecardCandidate,
  ): Promise<ScorecardPreview> {
    const api = await this.api();
    return responseData(api.POST('/scorecards/preview', { body: candidate }));
  }

  /** The roll-up of a group, system or domain (see RollupRequests). */
  getRollup(
    entity: CompoundEntityRef,
    options?: { scorecard?: string },
  ): Promise<Rollup> {
    return this.rollups.getRollup(entity, options);
  }

  /** A page of roll-ups, worst average first (see RollupRequests). */
  getRollups(query?: RollupsQuery): Promise<RollupsPage> {
    return this.rollups.getRollups(query);
  }
}
