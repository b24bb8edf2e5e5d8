import {
  AuthService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  FixProposal,
  normalizeEntityRef,
  opsreadyEventsCreatePermission,
} from '@opsready/plugin-opsready-common';
import { EvaluationsStore } from '../database/EvaluationsStore';
import { FixProposalsStore } from '../database/FixProposalsStore';
import { principalName } from '../exemptions/principalName';
import { requirePermission } from '../lib/requirePermission';
import { FixProposalBody } from './fixProposalInput';
import { openProposals } from './openProposals';

/**
 * Fix proposals for callers. Recording one takes opsready.events.create,
 * as recording any other event of a service's life does (the scaffolder
 * records it with its own service credentials); reading them takes only
 * that the caller sees the entity.
 */
export class FixProposalsService {
  private readonly now: () => Date;

  constructor(
    private readonly deps: {
      store: FixProposalsStore;
      evaluations: Pick<EvaluationsStore, 'getEvaluation'>;
      permissions: PermissionsService;
      auth: Pick<AuthService, 'isPrincipal'>;
      /** The entity as the caller may see it; NotFoundError otherwise. */
      readEntity(
        entityRef: string,
        credentials: BackstageCredentials,
      ): Promise<Entity>;
      now?: () => Date;
    },
  ) {
    this.now = deps.now ?? (() => new Date());
  }

  /** The entity's proposals whose check does not pass yet, newest first. */
  async list(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<FixProposal[]> {
    const ref = normalizeEntityRef(
      await this.deps.readEntity(entityRef, credentials),
    );
    const [proposals, evaluation] = await Promise.all([
      this.deps.store.proposalsOf([ref]),
      this.deps.evaluations.getEvaluation(ref),
    ]);
    return openProposals(proposals, evaluation);
  }

  /** Records the proposal, one per check, replacing older ones. */
  async propose(
    entityRef: string,
    input: FixProposalBody,
    credentials: BackstageCredentials,
  ): Promise<FixProposal[]> {
    await requirePermission(
      this.deps.permissions,
      { permission: opsreadyEventsCreatePermission },
      credentials,
      'record fix proposals',
    );
    const ref = normalizeEntityRef(
      await this.deps.readEntity(entityRef, credentials),
    );
    const createdBy = input.actor ?? principalName(this.deps.auth, credentials);
    const createdAt = this.now();
    return this.deps.store.saveProposals(
      input.checkIds.map(checkId => ({
        entityRef: ref,
        checkId,
        url: input.url,
        title: input.title,
        branch: input.branch,
        createdBy,
        createdAt,
      })),
    );
  }
}
