import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  EntityEvaluation,
  Exemption,
  normalizeEntityRef,
  pendingUntil,
} from '@opsready/plugin-opsready-common';
import {
  CheckDefinition,
  defaultScorecard,
  evaluateChecks,
  FactProvider,
  GatherOptions,
  mergeFacts,
  ScorecardDefinition,
  scorecardsInForce,
  ScoringConfig,
  scoreResults,
  scoreScorecards,
  ServiceFacts,
} from '@opsready/plugin-opsready-node';
import {
  EvaluationsStore,
  StoredEvaluation,
} from '../database/EvaluationsStore';
import { ExemptionsStore } from '../database/ExemptionsStore';
import type { EvaluatedEntity, EvaluationListener } from '../campaigns/types';
import { ownerRefOf } from '../lib/entityRefs';
import { scopeOfEntity } from '../lib/entityScope';
import { publishSafely } from '../notifications/publishSafely';
import { DomainEvent, DomainEventPublisher } from '../notifications/types';
import { CallerEntityReader } from './CallerEntityReader';
import { complianceChanges } from './complianceChanges';
import { describeEntityScorecards } from './describeEntityScorecards';

/**
 * How results become scores and levels, and how long checks may wait. The
 * entity's score and level are those of the first scorecard, whose levels
 * `levels` are.
 */
export type ScoringSettings = Pick<
  ScoringConfig,
  'options' | 'warnCredit' | 'levels' | 'pendingForMs'
> & {
  /** Without them, one scorecard of every check, with `levels`. */
  scorecards?: ScorecardDefinition[];
};

/**
 * Evaluates entities against the checks in force and keeps the results.
 *
 * Entities asked for by a caller are read with the caller's credentials, so
 * a caller who may not see an entity in the catalog gets a 404 here too.
 */
export class EvaluationService {
  private readonly entities: CallerEntityReader;

  constructor(
    private readonly deps: {
      catalog: CatalogService;
      store: EvaluationsStore;
      exemptions: Pick<
        ExemptionsStore,
        'activeExemptions' | 'pendingExemptionRequests'
      >;
      checks: () => CheckDefinition[];
      providers: () => FactProvider[];
      scoring: ScoringSettings;
      logger: LoggerService;
      /**
       * Told when an evaluation replaces a worse-off one: the level dropped
       * or a critical check started failing. Without it nothing is told.
       */
      publisher?: DomainEventPublisher;
      /**
       * Told of each batch once all of it is stored (campaign progress);
       * one that fails is logged, and fails neither the batch nor the others.
       */
      listeners?: EvaluationListener[];
    },
  ) {
    this.entities = new CallerEntityReader(deps.catalog);
  }

  /**
   * Reads an entity as the caller may see it; 404 if they may not. `fresh`
   * reads it anew rather than as the caller's requests read it moments ago.
   */
  async readEntity(
    entityRef: string,
    credentials: BackstageCredentials,
    options: { fresh?: boolean } = {},
  ): Promise<Entity> {
    const entity = await this.entities.read(entityRef, credentials, options);
    if (!entity) {
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    }
    return entity;
  }

  /** The latest evaluation; evaluates now if the entity never was. */
  async getEvaluation(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<EntityEvaluation> {
    const entity = await this.readEntity(entityRef, credentials);
    const stored = await this.deps.store.getEvaluation(
      normalizeEntityRef(entity),
    );
    if (stored) {
      return this.present(stored);
    }
    const [evaluated] = await this.evaluateEntities([entity]);
    return this.present(evaluated);
  }

  /** Evaluates the entity now and stores the result. */
  async refresh(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<EntityEvaluation> {
    // The entity as it is now: a refresh is how an owner sees an edit count.
    const entity = await this.readEntity(entityRef, credentials, {
      fresh: true,
    });
    const [evaluated] = await this.evaluateEntities([entity], new Date(), {
      fresh: true,
    });
    return this.present(evaluated);
  }

  /**
   * Evaluates the components named, as they are in the catalog now (those
   * no longer in it are passed over), in batches; returns how many were.
   */
  async evaluateEntityRefs(
    entityRefs: string[],
    credentials: BackstageCredentials,
    batchSize = 100,
  ): Promise<number> {
    let evaluated = 0;
    for (let i = 0; i < entityRefs.length; i += batchSize) {
      const { items } = await this.deps.catalog.getEntitiesByRefs(
        { entityRefs: entityRefs.slice(i, i + batchSize) },
        { credentials },
      );
      const entities = items.filter((e): e is Entity => !!e);
      if (entities.length > 0) {
        await this.evaluateEntities(entities);
        evaluated += entities.length;
      }
    }
    return evaluated;
  }

  /**
   * Gathers the facts of a batch of entities (each provider once for the
   * whole batch), runs the checks, and stores score, level and results.
   */
  async evaluateEntities(
    entities: Entity[],
    now: Date = new Date(),
    options: GatherOptions = {},
  ): Promise<StoredEvaluation[]> {
    const factsByProvider = await Promise.all(
      this.deps
        .providers()
        .map(provider => this.gather(provider, entities, options)),
    );
    const checks = this.deps.checks();
    const scorecards = scorecardsInForce(this.scorecards(), checks);
    const primaryId = scorecards[0].definition.id;
    // Pending checks count from the entity's first evaluation: an entity
    // never evaluated is first seen now.
    const firstEvaluated = await this.deps.store.getFirstEvaluatedAt(
      entities.map(entity => normalizeEntityRef(entity)),
    );

    const evaluations: StoredEvaluation[] = [];
    const evaluated: EvaluatedEntity[] = [];
    const changes: DomainEvent[] = [];
    for (const entity of entities) {
      const key = normalizeEntityRef(entity);
      const facts = mergeFacts(
        entity,
        factsByProvider.map(byEntity => byEntity.get(key)),
      );
      const exempt = new Set(
        (await this.deps.exemptions.activeExemptions(key, now)).map(
          e => e.checkId,
        ),
      );
      const firstEvaluatedAt = firstEvaluated.get(key) ?? now;
      const { results } = scoreResults(
        checks,
        evaluateChecks(checks, facts, {
          now,
          options: this.deps.scoring.options,
        }),
        this.deps.scoring,
        { firstSeenAt: firstEvaluatedAt, now, exempt },
      );
      const scored = scoreScorecards(scorecards, entity, results, {
        warnCredit: this.deps.scoring.warnCredit,
        exempt,
      });
      const primary = scored.find(s => s.scorecardId === primaryId);
      const evaluation: StoredEvaluation = {
        entityRef: key,
        kind: entity.kind.toLocaleLowerCase('en-US'),
        owner: ownerRefOf(entity),
        score: primary?.score ?? null,
        level: primary?.level ?? null,
        evaluatedAt: now,
        firstEvaluatedAt,
        results,
        scorecards: scored.map(({ scorecardId, score, level }) => ({
          scorecardId,
          score,
          level,
        })),
        scope: scopeOfEntity(entity),
      };
      // Read only when someone listens: what the new results replace.
      const previous = this.deps.publisher
        ? await this.deps.store.getEvaluation(key)
        : undefined;
      await this.deps.store.saveEvaluation(evaluation);
      evaluations.push(evaluation);
      evaluated.push({ entity, evaluation, exemptCheckIds: exempt });
      changes.push(
        ...complianceChanges({
          entityRef: key,
          previous,
          current: evaluation,
          checks,
          levels: this.deps.scoring.levels,
          exempt,
          at: now,
        }),
      );
    }
    // Once for the batch, after every result is stored.
    await publishSafely(this.deps.publisher, changes, this.deps.logger);
    await this.tellListeners(evaluated);
    return evaluations;
  }

  /** The scorecards, the first the entity's score. */
  scorecards(): ScorecardDefinition[] {
    return (
      this.deps.scoring.scorecards ?? [
        defaultScorecard(this.deps.scoring.levels),
      ]
    );
  }

  private async tellListeners(batch: EvaluatedEntity[]): Promise<void> {
    for (const listener of this.deps.listeners ?? []) {
      try {
        await listener(batch);
      } catch (error) {
        this.deps.logger.warn(
          `OpsReady could not pass ${batch.length} evaluations on (they are stored): ${error}`,
        );
      }
    }
  }

  /**
   * Joins stored results with the descriptions of the checks in force and
   * the exemptions in force. A stored result of a check that was since
   * removed is not shown.
   */
  async present(evaluation: StoredEvaluation): Promise<EntityEvaluation> {
    const checks = this.deps.checks();
    const now = new Date();
    const [active, pending] = await Promise.all([
      this.deps.exemptions.activeExemptions(evaluation.entityRef, now),
      this.deps.exemptions.pendingExemptionRequests(evaluation.entityRef, now),
    ]);
    const exemptions = new Map<string, Exemption>(
      active.map(e => [e.checkId, e]),
    );
    const requests = new Map<string, Exemption>(
      pending.map(e => [e.checkId, e]),
    );
    // A pending result says until when it may wait for its data.
    const until = pendingUntil({
      firstSeenAt: evaluation.firstEvaluatedAt ?? evaluation.evaluatedAt,
      pendingForMs: this.deps.scoring.pendingForMs,
    }).toISOString();
    const resultById = new Map(
      evaluation.results.map(r => [
        r.checkId,
        r.status === 'pending' ? { ...r, pendingUntil: until } : r,
      ]),
    );
    const counted = evaluation.results.filter(r => !exemptions.has(r.checkId));
    const scorecards = describeEntityScorecards(
      scorecardsInForce(this.scorecards(), checks),
      evaluation,
      counted,
    );
    return {
      entityRef: evaluation.entityRef,
      score: evaluation.score,
      level: evaluation.level,
      // The first scorecard's, when its scope covers the entity.
      nextLevel:
        scorecards[0]?.id === this.scorecards()[0].id
          ? scorecards[0].nextLevel
          : null,
      scorecards,
      evaluatedAt: evaluation.evaluatedAt.toISOString(),
      checks: checks.flatMap(check => {
        const result = resultById.get(check.id);
        if (!result) {
          return [];
        }
        const {
          evaluate: _evaluate,
          appliesTo: _appliesTo,
          ...description
        } = check;
        const exemption = exemptions.get(check.id);
        const request = requests.get(check.id);
        return [
          {
            ...description,
            result,
            ...(exemption
              ? {
                  exemption: {
                    id: exemption.id,
                    reason: exemption.reason,
                    expiresAt: exemption.expiresAt,
                    createdBy: exemption.createdBy,
                  },
                }
              : {}),
            ...(request && !exemption
              ? {
                  exemptionRequest: {
                    id: request.id,
                    reason: request.reason,
                    expiresAt: request.expiresAt,
                    createdBy: request.createdBy,
                    createdAt: request.createdAt,
                  },
                }
              : {}),
          },
        ];
      }),
    };
  }

  // A provider that fails leaves its facts out for this batch: the checks
  // that need them answer `unknown`, and the failure is logged with its
  // cause. It never fails the evaluation of the batch.
  private async gather(
    provider: FactProvider,
    entities: Entity[],
    options: GatherOptions,
  ): Promise<Map<string, Partial<ServiceFacts>>> {
    try {
      return await provider.gather(entities, options);
    } catch (error) {
      this.deps.logger.warn(
        `OpsReady fact provider '${provider.id}' failed for ${entities.length} entities: ${error}`,
      );
      return new Map();
    }
  }
}
