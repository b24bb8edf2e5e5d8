import {
  AuthService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  Deployment,
  DeploymentInput,
  ServiceErrorInput,
  normalizeEntityRef,
} from '@opsready/plugin-opsready-common';
import {
  kubernetesSelectorOf,
  KubernetesSelector,
  matchesSelector,
} from '@opsready/plugin-opsready-node';
import { KubernetesCollectorConfig } from '../config/readKubernetesConfig';
import { DeploymentsStore } from '../database/DeploymentsStore';
import { EventIngest } from '../events/EventIngest';
import { componentsWithAnnotations } from '../lib/componentsWithAnnotations';
import {
  ClusterObject,
  KubernetesProxyClient,
  KubernetesResource,
} from './KubernetesProxyClient';
import { rolloutsOf } from './rollouts';
import { WorkloadProblem, workloadProblems } from './workloadProblems';

/** The source of the deployments and errors the collector records. */
export const KUBERNETES_SOURCE = 'kubernetes';

/** The kinds of object rollouts and workload errors are read from. */
const RESOURCES: KubernetesResource[] = [
  {
    path: '/apis/apps/v1/deployments',
    apiVersion: 'apps/v1',
    kind: 'Deployment',
  },
  {
    path: '/apis/apps/v1/replicasets',
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
  },
  { path: '/api/v1/pods', apiVersion: 'v1', kind: 'Pod' },
  { path: '/apis/batch/v1/jobs', apiVersion: 'batch/v1', kind: 'Job' },
  {
    path: '/apis/autoscaling/v2/horizontalpodautoscalers',
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
  },
];

/** What one collection did. */
export interface CollectionOutcome {
  entities: number;
  clusters: number;
  /** Rollouts recorded (new or updated) as deployments. */
  rollouts: number;
  /** Rollouts left to the deployment another source reported. */
  merged: number;
  errorsOpen: number;
  errorsResolved: number;
}

/** Versions as CI and image tags spell them: `v1.4.2` is `1.4.2`. */
const sameVersion = (a: string, b: string) =>
  a.replace(/^v(?=\d)/i, '') === b.replace(/^v(?=\d)/i, '');

/** Whether a stored rollout says what the cluster says now. */
const sameRollout = (stored: Deployment, rollout: DeploymentInput) =>
  stored.version === rollout.version &&
  stored.status === rollout.status &&
  Date.parse(stored.startedAt) === Date.parse(rollout.startedAt) &&
  (stored.finishedAt ? Date.parse(stored.finishedAt) : undefined) ===
    (rollout.finishedAt ? Date.parse(rollout.finishedAt) : undefined);

/**
 * The identity of a problem across sweeps. The time it began is appended
 * to make each episode its own error; the part before it finds the open
 * episode again.
 */
const episodeKey = (cluster: string, problem: WorkloadProblem) =>
  [cluster, problem.workload, problem.container ?? '', problem.code].join('|');

/**
 * Reads rollout history and workload errors from the clusters, through the
 * Kubernetes backend plugin, into the deployments and error timeline — the
 * Kubernetes plugin shows some of these in the browser and keeps none.
 *
 * A global scheduled task: each cluster is listed once per sweep (not once
 * per entity), objects are tied to catalog entities by the annotations the
 * Kubernetes plugin uses, and everything goes through the one event ingest,
 * so it is deduplicated and correlated like CI's events:
 * - each ReplicaSet revision of a Deployment becomes a deployment of the
 *   cluster's environment, unless CI (or another source) reported the same
 *   version within the merge window — then theirs is kept and ours, if we
 *   recorded it first, withdrawn;
 * - each problem a workload shows (crash loops, image pulls, OOM kills,
 *   unschedulable pods, failed jobs, stuck rollouts, autoscalers at their
 *   maximum…) opens an error, seen again on each sweep while it lasts and
 *   resolved on the first sweep that no longer sees it.
 * A cluster that cannot be listed is left alone: nothing of it is resolved
 * for not being seen.
 */
export class KubernetesCollector {
  private readonly now: () => Date;

  constructor(
    private readonly deps: {
      client: KubernetesProxyClient;
      catalog: CatalogService;
      auth: AuthService;
      ingest: EventIngest;
      store: Pick<DeploymentsStore, 'deploymentsBetween'>;
      scheduler: SchedulerService;
      logger: LoggerService;
      config: KubernetesCollectorConfig;
      now?: () => Date;
    },
  ) {
    this.now = deps.now ?? (() => new Date());
  }

  async start(): Promise<void> {
    await this.deps.scheduler.scheduleTask({
      id: 'opsready-collect-kubernetes',
      ...this.deps.config.schedule,
      // After the configured schedule, which may name a scope: one run per
      // period across replicas, never one per replica.
      scope: 'global',
      fn: async () => {
        await this.run();
      },
    });
  }

  async run(): Promise<CollectionOutcome> {
    const { client, logger } = this.deps;
    const now = this.now();
    const entities = await this.linkedEntities();
    const outcome: CollectionOutcome = {
      entities: entities.length,
      clusters: 0,
      rollouts: 0,
      merged: 0,
      errorsOpen: 0,
      errorsResolved: 0,
    };
    if (entities.length === 0) return outcome;

    const listing = await client.listEverywhere(RESOURCES);
    for (const failure of listing.failures) {
      logger.warn(
        `OpsReady could not read cluster ${failure.cluster}; its deployments and errors are left as they were: ${failure.reason}`,
      );
    }
    outcome.clusters = listing.clusters.length;

    const rollouts: DeploymentInput[] = [];
    const problems: Array<ServiceErrorInput & { key: string }> = [];
    for (const { entityRef, selector } of entities) {
      for (const cluster of listing.clusters) {
        const objects = this.objectsOf(listing.objects, cluster, selector);
        if (objects.length === 0) continue;
        const environment = this.deps.config.environmentOf(cluster);
        rollouts.push(
          ...this.rolloutInputs(entityRef, environment, cluster, objects),
        );
        problems.push(
          ...this.problemInputs(entityRef, environment, cluster, objects, now),
        );
      }
    }

    Object.assign(outcome, await this.recordRollouts(rollouts));
    Object.assign(
      outcome,
      await this.recordProblems(problems, listing.clusters, now),
    );
    logger.info(
      `OpsReady read ${outcome.clusters} Kubernetes clusters for ${outcome.entities} entities: ${outcome.rollouts} rollouts recorded, ${outcome.merged} left to CI's deployments, ${outcome.errorsOpen} workload errors open, ${outcome.errorsResolved} resolved`,
    );
    return outcome;
  }

  /** Components linked to workloads by the Kubernetes plugin's annotations. */
  private async linkedEntities(): Promise<
    Array<{ entityRef: string; selector: KubernetesSelector }>
  > {
    const { catalog, auth } = this.deps;
    const linked: Array<{ entityRef: string; selector: KubernetesSelector }> =
      [];
    for await (const entity of componentsWithAnnotations(catalog, auth)) {
      const selector = kubernetesSelectorOf(entity);
      if (selector)
        linked.push({ entityRef: normalizeEntityRef(entity), selector });
    }
    return linked;
  }

  private objectsOf(
    objects: ClusterObject[],
    cluster: string,
    selector: KubernetesSelector,
  ): ClusterObject[] {
    return objects.filter(
      o => o.cluster === cluster && matchesSelector(o, selector),
    );
  }

  private rolloutInputs(
    entityRef: string,
    environment: string,
    cluster: string,
    objects: ClusterObject[],
  ): DeploymentInput[] {
    const replicaSets = objects.filter(o => o.kind === 'ReplicaSet');
    return objects
      .filter(o => o.kind === 'Deployment')
      .flatMap(deployment =>
        rolloutsOf(deployment, replicaSets).map(rollout => ({
          entityRef,
          environment,
          version: rollout.version,
          status: rollout.status,
          startedAt: rollout.startedAt,
          ...(rollout.finishedAt ? { finishedAt: rollout.finishedAt } : {}),
          actor: 'kubernetes',
          source: KUBERNETES_SOURCE,
          // The uid tells a re-created Deployment's revision 1 from the old one's.
          externalId: `${cluster}/${rollout.workload}/${String(
            deployment.metadata.uid ?? '',
          ).slice(0, 8)}#${rollout.revision}`,
        })),
      );
  }

  private problemInputs(
    entityRef: string,
    environment: string,
    cluster: string,
    objects: ClusterObject[],
    now: Date,
  ): Array<ServiceErrorInput & { key: string }> {
    return workloadProblems(objects, this.deps.config, now).map(problem => {
      // A cluster's clock may run ahead of ours; an error never starts later than seen.
      const since =
        Date.parse(problem.since) <= now.getTime()
          ? new Date(problem.since).toISOString()
          : now.toISOString();
      const key = episodeKey(cluster, problem);
      return {
        key,
        entityRef,
        environment,
        stage: 'runtime',
        code: problem.code,
        severity: problem.severity,
        category: problem.category,
        message: `${problem.message} in cluster ${cluster}`,
        occurredAt: since,
        fingerprint: `kubernetes:${entityRef}:${key}`,
        source: KUBERNETES_SOURCE,
        externalId: `${key}|${since}`,
      };
    });
  }

  /**
   * Records rollouts that no other source reported, and withdraws those we
   * recorded before another source reported them.
   */
  private async recordRollouts(rollouts: DeploymentInput[]) {
    const { ingest, store, config } = this.deps;
    const byEnvironment = new Map<string, DeploymentInput[]>();
    for (const rollout of rollouts) {
      const key = `${rollout.entityRef}\n${rollout.environment}`;
      byEnvironment.set(key, [...(byEnvironment.get(key) ?? []), rollout]);
    }
    const toRecord: DeploymentInput[] = [];
    const toWithdraw: DeploymentInput[] = [];
    let merged = 0;
    for (const group of byEnvironment.values()) {
      const times = group.map(r => Date.parse(r.startedAt));
      const known = await store.deploymentsBetween(
        [group[0].entityRef],
        group[0].environment,
        {
          from: new Date(Math.min(...times) - config.mergeWindowMs),
          to: new Date(Math.max(...times) + config.mergeWindowMs),
        },
      );
      const reported = known.filter(d => d.source !== KUBERNETES_SOURCE);
      // What earlier sweeps recorded: a rollout as it was is not written
      // (nor correlated) again, and only a recorded one can be withdrawn.
      const ours = new Map(
        known
          .filter(d => d.source === KUBERNETES_SOURCE)
          .map(d => [d.externalId, d]),
      );
      for (const rollout of group) {
        const at = Date.parse(rollout.startedAt);
        const recorded = ours.get(rollout.externalId);
        if (
          reported.some(
            d =>
              sameVersion(d.version, rollout.version) &&
              Math.abs(Date.parse(d.startedAt) - at) <= config.mergeWindowMs,
          )
        ) {
          merged += 1;
          if (recorded) toWithdraw.push(rollout);
        } else if (!recorded || !sameRollout(recorded, rollout)) {
          toRecord.push(rollout);
        }
      }
    }
    const recorded =
      toRecord.length > 0
        ? await ingest.recordDeployments(toRecord)
        : undefined;
    for (const rejected of recorded?.rejected ?? []) {
      this.deps.logger.warn(
        `OpsReady could not record the rollout ${rejected.externalId}: ${rejected.reason}`,
      );
    }
    await ingest.withdrawDeployments(KUBERNETES_SOURCE, toWithdraw);
    return {
      rollouts: (recorded?.stored ?? 0) + (recorded?.updated ?? 0),
      merged,
    };
  }

  /**
   * Opens an error for each problem not open yet, sees the open ones again,
   * and resolves the open ones of the clusters read that are gone.
   */
  private async recordProblems(
    problems: Array<ServiceErrorInput & { key: string }>,
    clustersRead: string[],
    now: Date,
  ) {
    const { ingest } = this.deps;
    const open = await ingest.listOpenErrors(KUBERNETES_SOURCE);
    const openByKey = new Map(
      open.map(e => [
        `${e.entityRef}\n${e.externalId.slice(
          0,
          e.externalId.lastIndexOf('|'),
        )}`,
        e,
      ]),
    );
    const inputs: ServiceErrorInput[] = [];
    const stillOpen = new Set<string>();
    for (const { key, ...problem } of problems) {
      const episode = openByKey.get(`${problem.entityRef}\n${key}`);
      if (episode) {
        stillOpen.add(`${episode.entityRef}\n${episode.externalId}`);
        // Seen again: its last sighting is now.
        inputs.push({
          ...problem,
          externalId: episode.externalId,
          occurredAt: now.toISOString(),
        });
      } else {
        inputs.push(problem);
      }
    }
    const read = new Set(clustersRead);
    const cleared = open.filter(
      e =>
        !stillOpen.has(`${e.entityRef}\n${e.externalId}`) &&
        read.has(e.externalId.slice(0, e.externalId.indexOf('|'))),
    );
    for (const e of cleared) {
      const [, workload, , code] = e.externalId.split('|');
      const since = e.externalId.slice(e.externalId.lastIndexOf('|') + 1);
      inputs.push({
        entityRef: e.entityRef,
        environment: this.deps.config.environmentOf(
          e.externalId.slice(0, e.externalId.indexOf('|')),
        ),
        code,
        severity: 'medium',
        category: 'resource',
        message: `${code} on ${workload} cleared`,
        // As first seen, so the resolution does not count as a sighting.
        occurredAt: since,
        resolvedAt: now.toISOString(),
        source: KUBERNETES_SOURCE,
        externalId: e.externalId,
      });
    }
    if (inputs.length > 0) {
      const outcome = await ingest.recordErrors(inputs);
      for (const rejected of outcome.rejected) {
        this.deps.logger.warn(
          `OpsReady could not record the workload error ${rejected.externalId}: ${rejected.reason}`,
        );
      }
    }
    return { errorsOpen: problems.length, errorsResolved: cleared.length };
  }
}
