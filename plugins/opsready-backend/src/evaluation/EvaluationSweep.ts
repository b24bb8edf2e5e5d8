import {
  AuthService,
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { normalizeEntityRef } from '@opsready/plugin-opsready-common';
import { EvaluationsStore } from '../database/EvaluationsStore';
import { ExemptionsStore } from '../database/ExemptionsStore';
import { EvaluationService } from './EvaluationService';

/**
 * The scheduled evaluation of every component in the catalog. It runs as a
 * global task, so that with several backend replicas on one database each
 * sweep runs once. Entities are read in pages; those that left the catalog
 * are dropped from the store at the end of a complete sweep.
 */
export class EvaluationSweep {
  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      store: Pick<EvaluationsStore, 'listEntityRefs' | 'deleteEntities'>;
      exemptions: Pick<ExemptionsStore, 'deleteEntities'>;
      /**
       * What else keeps rows per entity (its SLO status, say): told of the
       * entities that left the catalog, before their evaluations go.
       */
      forgetAlso?: Array<(entityRefs: string[]) => Promise<unknown>>;
      evaluations: EvaluationService;
      scheduler: SchedulerService;
      logger: LoggerService;
      schedule: SchedulerServiceTaskScheduleDefinition;
      /** Entities per catalog page and per evaluation batch. */
      pageSize?: number;
    },
  ) {}

  async start(): Promise<void> {
    await this.deps.scheduler.scheduleTask({
      id: 'opsready-evaluate-entities',
      ...this.deps.schedule,
      // After the configured schedule, which may name a scope: one run per
      // period across replicas, never one per replica.
      scope: 'global',
      fn: async () => {
        await this.run();
      },
    });
  }

  /** Evaluates every component once; returns what it did. */
  async run(): Promise<{ evaluated: number; removed: number }> {
    const { catalog, auth, store, exemptions, evaluations, logger } = this.deps;
    const started = Date.now();
    const credentials = await auth.getOwnServiceCredentials();
    const seen = new Set<string>();

    for await (const page of catalog.streamEntities(
      { filter: { kind: 'Component' }, pageSize: this.deps.pageSize ?? 100 },
      { credentials },
    )) {
      await evaluations.evaluateEntities(page);
      page.forEach(entity => seen.add(normalizeEntityRef(entity)));
      logger.debug(`OpsReady evaluated ${seen.size} components so far`);
    }

    const gone = (await store.listEntityRefs()).filter(ref => !seen.has(ref));
    // Evaluations last: should an earlier delete fail, the entity is still
    // listed and the next sweep removes what is left of it.
    if (gone.length > 0) {
      for (const forget of this.deps.forgetAlso ?? []) {
        await forget(gone);
      }
    }
    await exemptions.deleteEntities(gone);
    await store.deleteEntities(gone);
    logger.info(
      `OpsReady evaluated ${seen.size} components in ${
        Date.now() - started
      } ms; dropped ${gone.length} that left the catalog`,
    );
    return { evaluated: seen.size, removed: gone.length };
  }
}
