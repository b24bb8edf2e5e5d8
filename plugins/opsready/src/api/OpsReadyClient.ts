import { CompoundEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  Deployment,
  DoraFigures,
  EntityEvaluation,
  EnvironmentVersion,
  ErrorEvent,
  Exemption,
  FleetFilter,
  FleetOverview,
  TimelineEvent,
} from '@opsready/plugin-opsready-common';
import {
  DeploymentFilter,
  EntityExemption,
  EntityHealth,
  ErrorFilter,
  ErrorSeries,
  ExemptionDecision,
  NewExemption,
  OpsReadyApi,
  OwnerDora,
  Page,
  PageRequest,
  ScorePoint,
  TimeRange,
} from './OpsReadyApi';

type Query = Record<string, string | number | undefined>;

/**
 * Talks to the OpsReady backend through the app's discovery and fetch APIs,
 * so the user's Backstage token goes along with every request.
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

  getEntityEvaluation(entity: CompoundEntityRef): Promise<EntityEvaluation> {
    return this.get(`${entityPath(entity)}/checks`);
  }

  refreshEntityEvaluation(
    entity: CompoundEntityRef,
  ): Promise<EntityEvaluation> {
    return this.send('POST', `${entityPath(entity)}/refresh`);
  }

  getScoreHistory(
    entity: CompoundEntityRef,
    range: TimeRange = {},
  ): Promise<{ items: ScorePoint[] }> {
    return this.get(`${entityPath(entity)}/score-history`, { ...range });
  }

  getExemptions(
    entity: CompoundEntityRef,
  ): Promise<{ items: EntityExemption[] }> {
    return this.get(`${entityPath(entity)}/exemptions`);
  }

  createExemption(
    entity: CompoundEntityRef,
    exemption: NewExemption,
  ): Promise<Exemption> {
    return this.send('POST', `${entityPath(entity)}/exemptions`, exemption);
  }

  requestExemption(
    entity: CompoundEntityRef,
    exemption: NewExemption,
  ): Promise<Exemption> {
    return this.send(
      'POST',
      `${entityPath(entity)}/exemption-requests`,
      exemption,
    );
  }

  decideExemption(id: string, decision: ExemptionDecision): Promise<Exemption> {
    return this.send(
      'POST',
      `/exemptions/${encodeURIComponent(id)}/decision`,
      decision,
    );
  }

  async revokeExemption(id: string): Promise<void> {
    await this.send('DELETE', `/exemptions/${encodeURIComponent(id)}`);
  }

  getHealth(entity: CompoundEntityRef): Promise<EntityHealth> {
    return this.get(`${entityPath(entity)}/health`);
  }

  getDeployments(
    entity: CompoundEntityRef,
    filter: DeploymentFilter = {},
    page: PageRequest = {},
  ): Promise<Page<Deployment>> {
    return this.get(`${entityPath(entity)}/deployments`, {
      ...filter,
      ...page,
    });
  }

  getEnvironments(
    entity: CompoundEntityRef,
  ): Promise<{ items: EnvironmentVersion[] }> {
    return this.get(`${entityPath(entity)}/environments`);
  }

  getDora(
    entity: CompoundEntityRef,
    options: TimeRange & { environment?: string } = {},
  ): Promise<DoraFigures> {
    return this.get(`${entityPath(entity)}/dora`, { ...options });
  }

  getOwnerDora(
    owner: string,
    options: TimeRange & { environment?: string } = {},
  ): Promise<OwnerDora> {
    return this.get('/dora', { owner, ...options });
  }

  getErrors(
    entity: CompoundEntityRef,
    filter: ErrorFilter = {},
    page: PageRequest = {},
  ): Promise<Page<ErrorEvent>> {
    return this.get(`${entityPath(entity)}/errors`, { ...filter, ...page });
  }

  getErrorSeries(
    entity: CompoundEntityRef,
    options: TimeRange & { environment?: string } = {},
  ): Promise<ErrorSeries> {
    return this.get(`${entityPath(entity)}/errors/series`, { ...options });
  }

  resolveError(id: string, notes?: string): Promise<ErrorEvent> {
    return this.send(
      'POST',
      `/errors/${encodeURIComponent(id)}/resolve`,
      notes ? { notes } : {},
    );
  }

  getTimeline(
    entity: CompoundEntityRef,
    range: TimeRange = {},
    page: PageRequest = {},
  ): Promise<Page<TimelineEvent> & { from: string; to: string }> {
    return this.get(`${entityPath(entity)}/timeline`, { ...range, ...page });
  }

  getFleet(
    filter: FleetFilter = {},
    page: PageRequest = {},
  ): Promise<FleetOverview> {
    return this.get('/fleet', { ...filter, ...page });
  }

  private get<T>(path: string, query: Query = {}): Promise<T> {
    return this.request(`${path}${queryString(query)}`);
  }

  private send<T>(method: string, path: string, body?: unknown): Promise<T> {
    return this.request(
      path,
      body === undefined
        ? { method }
        : {
            method,
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(body),
          },
    );
  }

  private async request<T>(path: string, init?: RequestInit): Promise<T> {
    const baseUrl = await this.options.discoveryApi.getBaseUrl('opsready');
    const response = await this.options.fetchApi.fetch(
      `${baseUrl}${path}`,
      init,
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    if (response.status === 204) {
      return undefined as T;
    }
    return (await response.json()) as T;
  }
}

function entityPath({ kind, namespace, name }: CompoundEntityRef): string {
  return `/entities/${[kind, namespace, name]
    .map(encodeURIComponent)
    .join('/')}`;
}

/** `?a=1&b=2` of the set values, or '' when none is set. */
function queryString(query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') {
      params.set(key, String(value));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
