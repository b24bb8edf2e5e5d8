import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { Deployment } from '@opsready/plugin-opsready-common';
import { RollbackTriggersConfig } from '../config/readEventsConfig';
import { PrometheusMetricsConfig } from '../config/readPrometheusConfig';
import { DeploymentsStore } from '../database/DeploymentsStore';
import { CorrelationWork } from '../events/CorrelationQueue';
import {
  PrometheusQuerier,
  PrometheusUnavailableError,
} from '../prometheus/PrometheusClient';
import { measureTriggers } from './measureTriggers';
import { mergeEvidence } from './mergeEvidence';
import { seriesOf } from './seriesOf';

export interface RollbackTriggersOptions {
  deployments: Pick<
    DeploymentsStore,
    'watchedDeployments' | 'setRollbackEvidence'
  >;
  /** The entities of these refs, undefined where the catalog has none. */
  entities(entityRefs: string[]): Promise<Array<Entity | undefined>>;
  prometheus: {
    client: PrometheusQuerier;
    metrics: PrometheusMetricsConfig;
    environmentLabel: string;
  };
  /** Correlates an environment again, so that fired triggers become advice. */
  correlate(work: CorrelationWork): Promise<void>;
  settings: RollbackTriggersConfig;
  logger: LoggerService;
}

/** What one watch did, for logs and tests. */
export interface WatchOutcome {
  measured: number;
  fired: number;
  /** Deployments whose Prometheus did not answer; their evidence is kept. */
  unavailable: number;
}

/** When a deployment changed what runs: its end, or its start while it runs. */
const deployedAt = (d: Deployment) => new Date(d.finishedAt ?? d.startedAt);

/**
 * The rollback triggers read from request metrics: once a schedule tick,
 * across replicas, the latest deployment of each environment that reached
 * it within `watchFor` is measured in Prometheus (error rate, p95 against
 * the hour before), the evidence stored on it, and its environment
 * correlated again when a trigger fired, which advises the rollback and
 * notifies the owners the way the other triggers do.
 */
export class RollbackTriggers {
  constructor(private readonly options: RollbackTriggersOptions) {}

  async start(scheduler: Pick<SchedulerService, 'scheduleTask'>) {
    await scheduler.scheduleTask({
      id: 'opsready-rollback-triggers',
      ...this.options.settings.schedule,
      // Once across replicas whatever the config says: two replicas
      // measuring at once would only store the same evidence twice.
      scope: 'global',
      fn: async () => {
        await this.watch();
      },
    });
  }

  async watch(now = new Date()): Promise<WatchOutcome> {
    const { deployments, settings, logger } = this.options;
    const watched = await deployments.watchedDeployments(
      new Date(now.getTime() - settings.watchForMs),
    );
    const outcome: WatchOutcome = { measured: 0, fired: 0, unavailable: 0 };
    if (watched.length === 0) return outcome;
    const refs = [...new Set(watched.map(d => d.entityRef))];
    const found = await this.options.entities(refs);
    const entityOf = new Map(refs.map((ref, i) => [ref, found[i]]));
    for (const deployment of watched) {
      const entity = entityOf.get(deployment.entityRef);
      if (!entity) continue;
      try {
        const fired = await this.watchOne(deployment, entity, now);
        if (fired === undefined) continue;
        outcome.measured += 1;
        outcome.fired += fired ? 1 : 0;
      } catch (error) {
        if (error instanceof PrometheusUnavailableError) {
          outcome.unavailable += 1;
        }
        // The evidence stored stays, and with it any advice: the next tick
        // measures again.
        logger.warn(
          `Could not read the rollback triggers of ${deployment.entityRef} ${deployment.version} in ${deployment.environment}: ${error}`,
        );
      }
    }
    logger.debug(
      `Rollback triggers: measured ${outcome.measured} deployments, ${outcome.fired} with a trigger fired, ${outcome.unavailable} without an answer from Prometheus`,
    );
    return outcome;
  }

  /**
   * Measures one deployment and stores its evidence; true when a trigger
   * fired, undefined when the entity names no readable series.
   */
  private async watchOne(
    deployment: Deployment,
    entity: Entity,
    now: Date,
  ): Promise<boolean | undefined> {
    const { prometheus, settings, logger } = this.options;
    const series = seriesOf(
      entity,
      deployment.environment,
      prometheus.client,
      prometheus.environmentLabel,
    );
    if (!series) return undefined;
    if (!series.ok) {
      logger.debug(
        `No rollback triggers for ${deployment.entityRef}: ${series.problem}`,
      );
      return undefined;
    }
    const measured = await measureTriggers({
      client: prometheus.client,
      server: series.server,
      selector: series.selector,
      metrics: prometheus.metrics,
      version: deployment.version,
      deployedAt: deployedAt(deployment),
      now,
      thresholds: settings,
    });
    const previous = deployment.rollbackEvidence ?? [];
    const evidence = mergeEvidence(previous, measured);
    if (JSON.stringify(evidence) !== JSON.stringify(previous)) {
      await this.options.deployments.setRollbackEvidence(
        deployment.id,
        evidence,
      );
    }
    const fired = evidence.filter(e => e.fired);
    // Correlated again while a fired trigger is missing from the advice,
    // not only when it first fires: a run that stored the evidence and
    // stopped before correlating is put right by the next one.
    const advised = deployment.rollbackAdvisedReason ?? '';
    if (fired.some(e => !advised.includes(e.message ?? e.trigger))) {
      await this.options.correlate({
        entityRef: deployment.entityRef,
        environment: deployment.environment,
        since: new Date(deployment.startedAt),
      });
    }
    return fired.length > 0;
  }
}
