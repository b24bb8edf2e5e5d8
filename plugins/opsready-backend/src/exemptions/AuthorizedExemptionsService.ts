import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { opsreadyExemptionsManagePermission } from '@opsready/plugin-opsready-common';
import {
  ExemptionDecisionInput,
  ExemptionInput,
  ExemptionsEvaluations,
  ExemptionsService,
  getExemptionOr404,
} from './ExemptionsService';
import { ExemptionsStore } from '../database/ExemptionsStore';
import { requirePermission } from '../lib/requirePermission';

/**
 * The exemptions service for callers: granting, deciding and revoking need
 * opsready.exemptions.manage on the entity; listing and asking need only
 * that the caller sees it. An entity the caller may not see stays a 404,
 * also where they would lack the permission.
 */
export class AuthorizedExemptionsService implements ExemptionsService {
  constructor(
    private readonly service: ExemptionsService,
    private readonly deps: {
      permissions: PermissionsService;
      store: Pick<ExemptionsStore, 'getExemption'>;
      evaluations: Pick<ExemptionsEvaluations, 'readEntity'>;
    },
  ) {}

  list(entityRef: string, credentials: BackstageCredentials) {
    return this.service.list(entityRef, credentials);
  }

  request(
    entityRef: string,
    input: ExemptionInput,
    credentials: BackstageCredentials,
  ) {
    return this.service.request(entityRef, input, credentials);
  }

  async grant(
    entityRef: string,
    input: ExemptionInput,
    credentials: BackstageCredentials,
  ) {
    await this.authorize(entityRef, credentials, 'grant exemptions');
    return this.service.grant(entityRef, input, credentials);
  }

  async decide(
    id: string,
    input: ExemptionDecisionInput,
    credentials: BackstageCredentials,
  ) {
    const { entityRef } = await getExemptionOr404(this.deps.store, id);
    await this.authorize(entityRef, credentials, 'decide exemption requests');
    return this.service.decide(id, input, credentials);
  }

  async revoke(id: string, credentials: BackstageCredentials) {
    const { entityRef } = await getExemptionOr404(this.deps.store, id);
    await this.authorize(entityRef, credentials, 'revoke exemptions');
    return this.service.revoke(id, credentials);
  }

  private async authorize(
    entityRef: string,
    credentials: BackstageCredentials,
    action: string,
  ) {
    // Seen first: whether an entity exists is not told to who cannot see it.
    await this.deps.evaluations.readEntity(entityRef, credentials);
    await requirePermission(
      this.deps.permissions,
      {
        permission: opsreadyExemptionsManagePermission,
        resourceRef: entityRef,
      },
      credentials,
      `${action} of ${entityRef}`,
    );
  }
}
