// openapi-fetch names the client's methods after the HTTP verbs (GET, POST).
/* eslint-disable new-cap */
import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  responseData,
  Rollup,
  RollupsPage,
  RollupsQuery,
} from '@opsready/plugin-opsready-common';
import { OpenApiClient } from './openApiClient';

/**
 * The roll-up requests of the OpsReady API, which OpsReadyClient hands on
 * to, as it does the campaign requests.
 */
export class RollupRequests {
  constructor(private readonly api: OpenApiClient) {}

  async getRollup(
    entity: CompoundEntityRef,
    options: { scorecard?: string } = {},
  ): Promise<Rollup> {
    const api = await this.api();
    return responseData(
      api.GET('/entities/{kind}/{namespace}/{name}/rollup', {
        params: {
          path: {
            kind: entity.kind.toLocaleLowerCase('en-US'),
            namespace: entity.namespace,
            name: entity.name,
          },
          query: options.scorecard ? { scorecard: options.scorecard } : {},
        },
      }),
    );
  }

  async getRollups(query: RollupsQuery = {}): Promise<RollupsPage> {
    const api = await this.api();
    return responseData(api.GET('/rollups', { params: { query } }));
  }
}
