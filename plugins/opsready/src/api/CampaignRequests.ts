// openapi-fetch names the client's methods after the HTTP verbs (GET, POST).
/* eslint-disable new-cap */
import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  CampaignChange,
  CampaignInput,
  CampaignPatch,
  CampaignPreview,
  CampaignProgress,
  CampaignSaved,
  CampaignSummary,
  EntityCampaign,
  Page,
  PageRequest,
  responseData,
  TeamCampaignItems,
} from '@opsready/plugin-opsready-common';
import {
  CampaignEntitiesPage,
  CampaignEntityFilter,
  CampaignExport,
  CampaignFilter,
} from './OpsReadyApi';
import { OpenApiClient } from './openApiClient';

/**
 * The campaign requests of the OpsReady API, which OpsReadyClient hands
 * on to: campaigns are a large part of the API of their own.
 */
export class CampaignRequests {
  constructor(private readonly api: OpenApiClient) {}

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
}

/** The file name of `attachment; filename="x.csv"`, if it names one. */
function attachmentName(disposition: string | null): string | undefined {
  const match = disposition?.match(/filename="?([^";]+)"?/i);
  return match?.[1];
}
