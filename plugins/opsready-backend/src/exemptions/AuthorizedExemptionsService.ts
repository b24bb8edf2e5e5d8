import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  opsreadyExemptionsManagePermission,
  opsreadyExemptionsRequestPermission,
} from '@opsready/plugin-opsready-common';
import { ResourcePermission } from '@backstage/plugin-permission-common';
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
 * The exemptions service for callers: asking needs
 * opsready.exemptions.request on the entity (its owners, in the OpsReady
 * policy); granting, deciding and revoking need opsready.exemptions.manage
 * on it (the platform group); listing needs only that the caller sees it.
 * An entity the caller may not see stays a 404, also where they would lack
 * the permission.
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

  async request(
    entityRef: string,
    input: ExemptionInput,
    credentials: BackstageCredentials,
  ) {
    await this.authorize(
      entityRef,
      credentials,
      'request exemptions',
      opsreadyExemptionsRequestPermission,
    );
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
    permission: ResourcePermission<'catalog-entity'> = opsreadyExemptionsManagePermission,
  ) {
    // Seen first: whether an entity exists is not told to who cannot see it.
    await this.deps.evaluations.readEntity(entityRef, credentials);
    await requirePermission(
      this.deps.permissions,
      { permission, resourceRef: entityRef },
      credentials,
      `${action} of ${entityRef}`,
    );
  }
}
