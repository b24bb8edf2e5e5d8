import {
  AuthService,
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { normalizeEntityRef } from '@opsready/plugin-opsready-common';
import { RepositoriesStore } from '../database/RepositoriesStore';
import type { EvaluationService } from '../evaluation/EvaluationService';

/**
 * Polls the catalog, page by page and only for each component's name and
 * etag, and evaluates the components that are new or changed since their
 * last evaluation, once per period across replicas. An edit of an entity's
 * YAML shows in its score within a poll, not at the next full sweep.
 */
export class CatalogWatch {
  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      store: Pick<RepositoriesStore, 'getEntityEtags'>;
      evaluations: Pick<EvaluationService, 'evaluateEntityRefs'>;
      scheduler: SchedulerService;
      logger: LoggerService;
      schedule: SchedulerServiceTaskScheduleDefinition;
      pageSize?: number;
    },
  ) {}

  async start(): Promise<void> {
    await this.deps.scheduler.scheduleTask({
      id: 'opsready-poll-catalog',
      ...this.deps.schedule,
      scope: 'global',
      fn: async () => {
        await this.run();
      },
    });
  }

  /** One poll: how many components it saw, and how many it evaluated. */
  async run(): Promise<{ seen: number; evaluated: number }> {
    const { catalog, auth, store, evaluations, logger } = this.deps;
    const credentials = await auth.getOwnServiceCredentials();
    let seen = 0;
    let evaluated = 0;
    for await (const page of catalog.streamEntities(
      {
        filter: { kind: 'Component' },
        fields: [
          'kind',
          'metadata.namespace',
          'metadata.name',
          'metadata.etag',
        ],
        pageSize: this.deps.pageSize ?? 500,
      },
      { credentials },
    )) {
      seen += page.length;
      const refs = page.map(entity => normalizeEntityRef(entity));
      const evaluatedAt = await store.getEntityEtags(refs);
      const changed = page.flatMap((entity, i) =>
        evaluatedAt.has(refs[i]) &&
        evaluatedAt.get(refs[i]) === entity.metadata.etag
          ? []
          : [refs[i]],
      );
      if (changed.length > 0) {
        evaluated += await evaluations.evaluateEntityRefs(changed, credentials);
      }
    }
    if (evaluated > 0) {
      logger.info(
        `OpsReady evaluated ${evaluated} of ${seen} components that are new or changed in the catalog`,
      );
    }
    return { seen, evaluated };
  }
}
