// openapi-fetch names the client's methods after the HTTP verbs (GET, POST).
/* eslint-disable new-cap */
import { CompoundEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  CampaignChange,
  CampaignInput,
  CampaignPatch,
  CampaignPreview,
  CampaignProgress,
  CampaignSaved,
  CampaignSummary,
  createOpsReadyApiClient,
  Deployment,
  DeploymentFilter,
  DoraFigures,
  EntityCampaign,
  EntityEvaluation,
  EntityExemption,
  EntityHealth,
  EnvironmentVersion,
  ServiceError,
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
  OpsReadyApiClient,
  OwnerDora,
  Page,
  PageRequest,
  responseData,
  ScorePoint,
  TeamCampaignItems,
  TimelineEvent,
  TimeRange,
} from '@opsready/plugin-opsready-common';
import {
  CampaignEntitiesPage,
  CampaignEntityFilter,
  CampaignExport,
  CampaignFilter,
  CheckCatalog,
  OpsReadyApi,
} from './OpsReadyApi';

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
  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
    },
  ) {}

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

  async getCampaigns(
    filter: CampaignFilter = {},
    page: PageRequest = {},
  ): Promise<Page<CampaignSummary>> {
    const api = await this.api();
    return responseData(
      api.GET('/campaigns', { params: { query: { ...filter, ...page } } }),
    );
  }

  async getCampaign(id: string): Promise<CampaignSummary> {
    const api = await this.api();
    return responseData(
      api.GET('/campaigns/{id}', { params: { path: { id } } }),
    );
  }

  async previewCampaign(input: CampaignInput): Promise<CampaignPreview> {
    const api = await this.api();
    return responseData(api.POST('/campaigns/preview', { body: input }));
  }

  async createCampaign(input: CampaignInput): Promise<CampaignSaved> {
    const api = await this.api();
    return responseData(api.POST('/campaigns', { body: input }));
  }

  async updateCampaign(
    id: string,
    patch: CampaignPatch,
  ): Promise<CampaignSaved> {
    const api = await this.api();
    return responseData(
      api.PATCH('/campaigns/{id}', {
        params: { path: { id } },
        body: patch,
      }),
    );
  }

  async getCampaignHistory(id: string): Promise<{ items: CampaignChange[] }> {
    const api = await this.api();
    return responseData(
      api.GET('/campaigns/{id}/history', { params: { path: { id } } }),
    );
  }

  async getCampaignProgress(id: string): Promise<CampaignProgress> {
    const api = await this.api();
    return responseData(
      api.GET('/campaigns/{id}/progress', { params: { path: { id } } }),
    );
  }

  async getCampaignEntities(
    id: string,
    filter: CampaignEntityFilter = {},
    page: PageRequest = {},
  ): Promise<CampaignEntitiesPage> {
    const api = await this.api();
    return responseData(
      api.GET('/campaigns/{id}/entities', {
        params: { path: { id }, query: { ...filter, ...page } },
      }),
    );
  }

  /**
   * The CSV comes through the typed client read as text; the file name is
   * the one the backend's Content-Disposition gives, if any.
   */
  async exportCampaign(id: string): Promise<CampaignExport> {
    const api = await this.api();
    const { data, response } = await api.GET('/campaigns/{id}/export', {
      params: { path: { id } },
      parseAs: 'text',
    });
    return {
      csv: data ?? '',
      filename:
        attachmentName(response.headers.get('content-disposition')) ??
        `campaign-${id}.csv`,
    };
  }

  async getEntityCampaigns(
    entity: CompoundEntityRef,
  ): Promise<{ items: EntityCampaign[] }> {
    const api = await this.api();
    return responseData(
      api.GET('/entities/{kind}/{namespace}/{name}/campaigns', {
        params: { path: entity },
      }),
    );
  }

  async getCampaignItems(
    owner: string,
  ): Promise<{ owner: string; items: TeamCampaignItems[] }> {
    const api = await this.api();
    return responseData(
      api.GET('/campaign-items', { params: { query: { owner } } }),
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

  /** The client for where discovery says the backend is now. */
  private async api(): Promise<OpsReadyApiClient> {
    const { discoveryApi, fetchApi } = this.options;
    return createOpsReadyApiClient({
      baseUrl: await discoveryApi.getBaseUrl('opsready'),
      fetch: (url, init) => fetchApi.fetch(url, init),
      toError: response => ResponseError.fromResponse(response),
    });
  }
}

/** The file name of `attachment; filename="x.csv"`, if it names one. */
function attachmentName(disposition: string | null): string | undefined {
  const match = disposition?.match(/filename="?([^";]+)"?/i);
  return match?.[1];
}
