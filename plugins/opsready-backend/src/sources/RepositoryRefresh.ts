import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { RepositoriesStore } from '../database/RepositoriesStore';
import type { EvaluationService } from '../evaluation/EvaluationService';
import {
  RefreshOutcome,
  RepositorySources,
  RepositoryToRefresh,
} from './RepositorySources';

/** A refresh's outcome, and how many components it evaluated again. */
export interface RefreshReport extends RefreshOutcome {
  reevaluated: number;
}

/** Repositories asked at once before their changed ones are evaluated. */
const CHUNK = 50;

/**
 * Asks repositories whether they changed and evaluates again the
 * components of those that did, and only those: chunk by chunk, so that a
 * long sweep shows each change soon rather than at its end.
 */
export class RepositoryRefresh {
  constructor(
    private readonly deps: {
      sources: Pick<RepositorySources, 'refresh'>;
      store: Pick<RepositoriesStore, 'entitiesOfRepositories'>;
      evaluations: Pick<EvaluationService, 'evaluateEntityRefs'>;
      auth: AuthService;
      logger: LoggerService;
    },
  ) {}

  async run(
    repositories: RepositoryToRefresh[],
    options: { waitUntil: number; signal?: AbortSignal },
  ): Promise<RefreshReport> {
    const report: RefreshReport = {
      changed: [],
      unchanged: [],
      deferred: [],
      failed: [],
      reevaluated: 0,
    };
    for (let i = 0; i < repositories.length; i += CHUNK) {
      const outcome = await this.deps.sources.refresh(
        repositories.slice(i, i + CHUNK),
        options,
      );
      report.changed.push(...outcome.changed);
      report.unchanged.push(...outcome.unchanged);
      report.deferred.push(...outcome.deferred);
      report.failed.push(...outcome.failed);
      report.reevaluated += await this.reevaluate(outcome.changed);
    }
    return report;
  }

  private async reevaluate(changed: string[]): Promise<number> {
    if (changed.length === 0) {
      return 0;
    }
    const byRepository = await this.deps.store.entitiesOfRepositories(changed);
    const entityRefs = [...new Set([...byRepository.values()].flat())];
    try {
      return await this.deps.evaluations.evaluateEntityRefs(
        entityRefs,
        await this.deps.auth.getOwnServiceCredentials(),
      );
    } catch (error) {
      // The facts are kept: the next evaluation of these components uses them.
      this.deps.logger.warn(
        `OpsReady could not evaluate the ${entityRefs.length} components of ${changed.length} changed repositories again: ${error}`,
      );
      return 0;
    }
  }
}
