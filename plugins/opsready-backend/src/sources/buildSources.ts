import type { PluginDeps } from '../buildContexts';
import { readSourcesConfig } from '../config/readSourcesConfig';
import { DatabaseRepositoriesStore } from '../database/DatabaseRepositoriesStore';
import { DatabaseSourceBudgetsStore } from '../database/DatabaseSourceBudgetsStore';
import type { EvaluationService } from '../evaluation/EvaluationService';
import { CatalogWatch } from './CatalogWatch';
import { RepositoryPushes } from './RepositoryPushes';
import { RepositoryRefresh } from './RepositoryRefresh';
import { RepositorySources } from './RepositorySources';
import { RepositorySweep } from './RepositorySweep';
import { RequestBudgets } from './RequestBudgets';

/** Repository facts kept in the database, read within each host's budget. */
export async function buildRepositorySources(deps: PluginDeps) {
  const config = readSourcesConfig(deps.config);
  const store = await DatabaseRepositoriesStore.create({
    database: deps.database,
  });
  const budgets = new RequestBudgets({
    store: await DatabaseSourceBudgetsStore.create({ database: deps.database }),
    budgets: config.budgets,
  });
  const sources = new RepositorySources({
    urlReader: deps.urlReader,
    store,
    budgets,
    logger: deps.logger,
    timeoutMs: config.readTimeoutMs,
    concurrency: config.concurrency,
  });
  return { config, store, sources };
}
export type RepositorySourcesContext = Awaited<
  ReturnType<typeof buildRepositorySources>
>;

/**
 * What keeps the scores following the sources: the sweep that asks every
 * repository whether it changed, the catalog poll, and the pushes that
 * re-read a repository at once.
 */
export async function startSourceRefresh(
  deps: PluginDeps,
  parts: {
    repositories: RepositorySourcesContext;
    evaluations: EvaluationService;
  },
): Promise<{ pushes: RepositoryPushes }> {
  const { config, store, sources } = parts.repositories;
  const refresh = new RepositoryRefresh({
    sources,
    store,
    evaluations: parts.evaluations,
    auth: deps.auth,
    logger: deps.logger,
  });
  await new RepositorySweep({
    store,
    refresh,
    scheduler: deps.scheduler,
    logger: deps.logger,
    schedule: config.schedule,
    sweepWithinMs: config.sweepWithinMs,
  }).start();
  await new CatalogWatch({
    catalog: deps.catalog,
    auth: deps.auth,
    store,
    evaluations: parts.evaluations,
    scheduler: deps.scheduler,
    logger: deps.logger,
    schedule: config.catalogPoll,
  }).start();
  const pushes = new RepositoryPushes({ store, refresh, logger: deps.logger });
  deps.lifecycle.addShutdownHook(() => pushes.settled());
  return { pushes };
}
