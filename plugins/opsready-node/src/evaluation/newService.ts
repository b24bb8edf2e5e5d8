import { Config } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { ScoringConfig } from '../config/readScoringConfig';
import { readSloDefaults } from '../slo/readSloDefaults';
import { readSloSpec } from '../slo/readSloSpec';
import { SloDefaultsRule } from '../slo/types';
import { mergeFacts } from '../facts/FactProvider';
import { kubernetesSelectorOf } from '../facts/kubernetesSelectors';
import { readRepositoryDirectory } from '../facts/readRepositoryDirectory';
import { factsFromRepository } from '../facts/repositoryFacts';
import { evaluateChecks } from '../checks/evaluateChecks';
import { CatalogFacts, CheckDefinition, ServiceFacts } from '../checks/types';
import { ScoredResults, scoreResults } from './scoreResults';

/**
 * The window, in hours, over which health figures are given to the checks.
 *
 * @public
 */
export const HEALTH_WINDOW_HOURS = 24;

/**
 * Which sources of live data the OpsReady backend reads: the health prober
 * (`opsready.health.enabled`, on by default) and the clusters (a top-level
 * `kubernetes` config, unless `opsready.kubernetes.enabled` is false).
 *
 * @public
 */
export interface LiveDataSources {
  /** Whether the health prober runs. */
  health: boolean;
  /** Whether live objects are read from the clusters. */
  kubernetes: boolean;
  /**
   * The SLO objectives of entities that declare none
   * (`opsready.slo.defaults`), as the backend's SLO facts apply them.
   */
  sloDefaults?: SloDefaultsRule[];
}

/**
 * Reads which live-data sources the backend reads, from app-config; the
 * backend decides by this very function whether to probe and to read the
 * clusters.
 *
 * @public
 */
export function readLiveDataSources(root: Config): LiveDataSources {
  return {
    health: root.getOptionalBoolean('opsready.health.enabled') ?? true,
    kubernetes:
      root.has('kubernetes') &&
      (root.getOptionalBoolean('opsready.kubernetes.enabled') ?? true),
    sloDefaults: readSloDefaults(root),
  };
}

/**
 * The live facts the backend's sources give a service right after it was
 * created from a template and registered, before it ever ran: the prober
 * has no figures for it yet, the clusters run nothing of it yet, and its
 * delivery record holds only its creation. A source the backend does not
 * read gives nothing, as there, so that its checks answer `unknown` alike.
 *
 * @public
 */
export function freshServiceFacts(
  entity: Entity,
  sources: LiveDataSources,
  now: Date,
): Partial<ServiceFacts> {
  return {
    ...(sources.health
      ? { health: { windowHours: HEALTH_WINDOW_HOURS, endpoints: [] } }
      : {}),
    // The backend reads live objects only for entities it can select them by.
    ...(sources.kubernetes && kubernetesSelectorOf(entity)
      ? { kubernetes: { live: [] } }
      : {}),
    delivery: { provisionedAt: now.toISOString(), openCriticalErrors: [] },
    ...freshSloFacts(entity, sources),
  };
}

/**
 * The SLO facts the backend gives a service nothing has measured yet: its
 * objectives, and no measurement, so that its error budget is pending.
 */
function freshSloFacts(
  entity: Entity,
  sources: LiveDataSources,
): Partial<ServiceFacts> {
  const { spec, problems } = readSloSpec(entity, sources.sloDefaults ?? []);
  if (!spec && problems.length === 0) {
    return {};
  }
  return {
    slo: {
      ...(spec ? { spec } : {}),
      ...(problems.length > 0 ? { problems } : {}),
    },
  };
}

/**
 * Evaluates a service that is about to be created — its rendered
 * repository, its catalog entity — as the backend will evaluate it right
 * after registration: repository facts read by the same reader, the live
 * facts of a service that never ran, the same checks, the same pending rule
 * (first seen now) and the same score and level.
 *
 * @public
 */
export async function evaluateNewService(options: {
  root: string;
  entity: Entity;
  catalog?: CatalogFacts;
  checks: ReadonlyArray<CheckDefinition>;
  settings: ScoringConfig;
  sources: LiveDataSources;
  now: Date;
}): Promise<ScoredResults> {
  const { root, entity, catalog, checks, settings, sources, now } = options;
  const repository = await readRepositoryDirectory(root);
  const facts = mergeFacts(entity, [
    factsFromRepository(repository),
    catalog ? { catalog } : undefined,
    freshServiceFacts(entity, sources, now),
  ]);
  const results = evaluateChecks(checks, facts, {
    now,
    options: settings.options,
  });
  return scoreResults(checks, results, settings, { firstSeenAt: now, now });
}
