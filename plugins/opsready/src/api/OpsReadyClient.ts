import { CompoundEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { EntityEvaluation } from '@opsready/plugin-opsready-common';
import { OpsReadyApi } from './OpsReadyApi';

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
    return this.request(`${entityPath(entity)}/checks`);
  }

  refreshEntityEvaluation(
    entity: CompoundEntityRef,
  ): Promise<EntityEvaluation> {
    return this.request(`${entityPath(entity)}/refresh`, { method: 'POST' });
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
    return (await response.json()) as T;
  }
}

function entityPath({ kind, namespace, name }: CompoundEntityRef): string {
  return `/entities/${[kind, namespace, name]
    .map(encodeURIComponent)
    .join('/')}`;
}
