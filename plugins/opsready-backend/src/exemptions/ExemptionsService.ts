import {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  Exemption,
  normalizeEntityRef,
} from '@opsready/plugin-opsready-common';
import { CheckDefinition } from '@opsready/plugin-opsready-node';
import { ExemptionsStore } from '../database/ExemptionsStore';
import { EvaluationService } from '../evaluation/EvaluationService';
import { publishSafely } from '../notifications/publishSafely';
import { DomainEvent, DomainEventPublisher } from '../notifications/types';
import { principalName } from './principalName';

/** Reading an entity as the caller may see it, and re-scoring entities. */
export type ExemptionsEvaluations = Pick<
  EvaluationService,
  'readEntity' | 'evaluateEntities'
>;

export interface ExemptionInput {
  checkId: string;
  reason: string;
  expiresAt: Date;
}

export interface ExemptionDecisionInput {
  decision: 'grant' | 'decline';
  note?: string;
}

export type ListedExemption = Exemption & { active: boolean };

/**
 * Exemptions of entities from checks: granted outright, or asked for and
 * decided later; each change to what is in force re-scores the entity at
 * once rather than at the next sweep. Every method acts for the caller:
 * an entity they may not see is a 404.
 */
export interface ExemptionsService {
  list(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<ListedExemption[]>;
  grant(
    entityRef: string,
    input: ExemptionInput,
    credentials: BackstageCredentials,
  ): Promise<Exemption>;
  request(
    entityRef: string,
    input: ExemptionInput,
    credentials: BackstageCredentials,
  ): Promise<Exemption>;
  decide(
    id: string,
    input: ExemptionDecisionInput,
    credentials: BackstageCredentials,
  ): Promise<Exemption>;
  revoke(id: string, credentials: BackstageCredentials): Promise<void>;
}

/** The rules of exemptions: checks in force, conflicts, expiry, re-scoring. */
export class DefaultExemptionsService implements ExemptionsService {
  constructor(
    private readonly deps: {
      store: ExemptionsStore;
      evaluations: ExemptionsEvaluations;
      checks: () => CheckDefinition[];
      auth: Pick<AuthService, 'isPrincipal'>;
      /**
       * Told of a request (for those who decide) and of a decision (for
       * who asked). Without it nothing is told.
       */
      publisher?: DomainEventPublisher;
      /** Where a failure to tell is logged. */
      logger?: Pick<LoggerService, 'warn'>;
    },
  ) {}

  async list(entityRef: string, credentials: BackstageCredentials) {
    const entity = await this.deps.evaluations.readEntity(
      entityRef,
      credentials,
    );
    const now = Date.now();
    return (
      await this.deps.store.listExemptions(normalizeEntityRef(entity))
    ).map(e => ({
      ...e,
      active: !e.revokedAt && Date.parse(e.expiresAt) > now,
    }));
  }

  async grant(
    entityRef: string,
    input: ExemptionInput,
    credentials: BackstageCredentials,
  ) {
    // Fresh: the entity is evaluated again with the exemption.
    const entity = await this.deps.evaluations.readEntity(
      entityRef,
      credentials,
      { fresh: true },
    );
    this.assertCheckInForce(input.checkId);
    const exemption = await this.deps.store.createExemption({
      entityRef: normalizeEntityRef(entity),
      ...input,
      createdBy: principalName(this.deps.auth, credentials),
      status: 'granted',
    });
    await this.deps.evaluations.evaluateEntities([entity]);
    return exemption;
  }

  // The score does not change until someone allowed to manage exemptions
  // grants the request.
  async request(
    entityRef: string,
    input: ExemptionInput,
    credentials: BackstageCredentials,
  ) {
    const entity = await this.deps.evaluations.readEntity(
      entityRef,
      credentials,
    );
    this.assertCheckInForce(input.checkId);
    const ref = normalizeEntityRef(entity);
    const now = new Date();
    const active = await this.deps.store.activeExemptions(ref, now);
    if (active.some(e => e.checkId === input.checkId)) {
      throw new ConflictError(`${ref} is already exempt from ${input.checkId}`);
    }
    const waiting = (
      await this.deps.store.pendingExemptionRequests(ref, now)
    ).find(e => e.checkId === input.checkId);
    if (waiting) {
      throw new ConflictError(
        `${waiting.createdBy} already asked for an exemption of ${ref} from ${input.checkId} (exemption ${waiting.id}); it waits for a decision`,
      );
    }
    const requested = await this.deps.store.createExemption({
      entityRef: ref,
      ...input,
      createdBy: principalName(this.deps.auth, credentials),
      status: 'requested',
    });
    await this.publish({
      type: 'exemption.requested',
      entityRef: requested.entityRef,
      exemptionId: requested.id,
      checkId: requested.checkId,
      // A user's entity ref, or a service's subject (see principalName).
      requestedBy: requested.createdBy,
      reason: requested.reason,
      at: requested.createdAt,
    });
    return requested;
  }

  async decide(
    id: string,
    input: ExemptionDecisionInput,
    credentials: BackstageCredentials,
  ) {
    const { exemption, entity } = await this.readExemption(id, credentials);
    if (Date.parse(exemption.expiresAt) <= Date.now()) {
      throw new ConflictError(
        `Exemption ${exemption.id} would have expired on ${exemption.expiresAt}; ask again with a later date`,
      );
    }
    const decided = await this.deps.store.decideExemption(exemption.id, {
      status: input.decision === 'grant' ? 'granted' : 'declined',
      by: principalName(this.deps.auth, credentials),
      note: input.note || undefined,
      at: new Date(),
    });
    if (!decided) {
      throw new ConflictError(
        `Exemption ${exemption.id} does not wait for a decision: it is ${
          exemption.revokedAt ? 'revoked' : exemption.status
        }`,
      );
    }
    if (decided.status === 'granted') {
      await this.deps.evaluations.evaluateEntities([entity]);
    }
    await this.publish({
      type: 'exemption.decided',
      entityRef: decided.entityRef,
      exemptionId: decided.id,
      checkId: decided.checkId,
      requestedBy: decided.createdBy,
      decidedBy:
        decided.decidedBy ?? principalName(this.deps.auth, credentials),
      decision: decided.status === 'granted' ? 'granted' : 'declined',
      ...(decided.decisionNote ? { note: decided.decisionNote } : {}),
      at: decided.decidedAt ?? new Date().toISOString(),
    });
    return decided;
  }

  async revoke(id: string, credentials: BackstageCredentials) {
    const { exemption, entity } = await this.readExemption(id, credentials);
    await this.deps.store.revokeExemption(
      exemption.id,
      principalName(this.deps.auth, credentials),
      new Date(),
    );
    await this.deps.evaluations.evaluateEntities([entity]);
  }

  /** The exemption, and its entity read anew for re-scoring. */
  private async readExemption(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<{ exemption: Exemption; entity: Entity }> {
    const exemption = await getExemptionOr404(this.deps.store, id);
    const entity = await this.deps.evaluations.readEntity(
      exemption.entityRef,
      credentials,
      { fresh: true },
    );
    return { exemption, entity };
  }

  private publish(event: DomainEvent) {
    return publishSafely(this.deps.publisher, [event], this.deps.logger);
  }

  private assertCheckInForce(checkId: string) {
    if (!this.deps.checks().some(c => c.id === checkId)) {
      throw new InputError(
        `Invalid exemption: checkId: no check '${checkId}' is in force (GET /checks lists them)`,
      );
    }
  }
}

export async function getExemptionOr404(
  store: Pick<ExemptionsStore, 'getExemption'>,
  id: string,
): Promise<Exemption> {
  const exemption = await store.getExemption(id);
  if (!exemption) {
    throw new NotFoundError(`No exemption ${id}`);
  }
  return exemption;
}
