import { LoggerService } from '@backstage/backend-plugin-api';
import {
  computeDora,
  Deployment,
  DeploymentInput,
  DoraFigures,
  DoraRestoration,
  EnvironmentVersion,
  ServiceErrorInput,
} from '@opsready/plugin-opsready-common';
import { createHash } from 'node:crypto';
import { z } from 'zod/v3';
import { DeploymentsStore } from '../database/DeploymentsStore';
import { ErrorsStore, NormalizedErrorInput } from '../database/ErrorsStore';
import { HealthStore } from '../database/HealthStore';
import { EventsConfig } from '../config/readEventsConfig';
import { deploymentInput, serviceErrorInput } from './eventInputs';
import { compareVersions, correlate } from './correlation';
import { CorrelationQueue, CorrelationWork } from './CorrelationQueue';
import { EventIngest, IngestOutcome, WithdrawnDeployment } from './EventIngest';
import { zodProblems } from '../lib/zodProblems';
import type { DomainEvent, DomainEventPublisher } from '../notifications/types';
import { publishSafely } from '../notifications/publishSafely';
import {
  deploymentEvents,
  errorGroupEvents,
  rollbackAdvisedEvents,
} from './deliveryEvents';

/** Deployments loaded before the first one a batch touches, to find versions gone back to. */
const HISTORY = 10;
/** Far enough ahead for "everything after". */
const FOREVER = new Date('9999-12-31T00:00:00Z');

/**
 * The fingerprint of an error that has none: the same entity, environment,
 * code and message are the same problem. Digits in the message are
 * ignored, so "timeout after 5012 ms" and "after 5030 ms" group together.
 */
export function defaultFingerprint(input: ServiceErrorInput): string {
  return createHash('sha1')
    .update(
      [
        input.entityRef,
        input.environment,
        input.code ?? '',
        input.message.replace(/\d+/g, '#'),
      ].join('\n'),
    )
    .digest('hex');
}

function validate<T>(
  schema: z.ZodType<T, z.ZodTypeDef, unknown>,
  inputs: unknown[],
): {
  valid: T[];
  rejected: IngestOutcome['rejected'];
} {
  const valid: T[] = [];
  const rejected: IngestOutcome['rejected'] = [];
  inputs.forEach((input, index) => {
    const parsed = schema.safeParse(input);
    if (parsed.success) {
      valid.push(parsed.data);
    } else {
      rejected.push({
        index,
        externalId: String((input as any)?.externalId ?? ''),
        reason: zodProblems(parsed.error),
      });
    }
  });
  return { valid, rejected };
}

export interface EventsServiceOptions {
  deployments: DeploymentsStore;
  errors: ErrorsStore;
  health: HealthStore;
  config: EventsConfig;
  /** Consecutive failures that turn a health endpoint down. */
  healthFailureThreshold: number;
  logger: LoggerService;
  now?: () => Date;
  /** How long correlation waits to gather more events of an environment. */
  correlationCoalesceMs?: number;
  /**
   * Told of deployments started and finished, serious error groups opened
   * or seen again, and rollbacks newly advised.
   */
  publisher?: DomainEventPublisher;
}

/**
 * Deployments and errors: the one door they come in by (EventIngest), the
 * correlation that follows each write, and the figures read from them.
 */
export class EventsService implements EventIngest {
  private readonly now: () => Date;
  private readonly correlation: CorrelationQueue;

  constructor(private readonly options: EventsServiceOptions) {
    this.now = options.now ?? (() => new Date());
    this.correlation = new CorrelationQueue({
      correlate: work => this.correlateEnvironment(work),
      logger: options.logger,
      coalesceMs: options.correlationCoalesceMs,
    });
  }

  /**
   * Resolves once the events written so far for these entities (for all,
   * without them) are correlated: read routes wait on it, so that what a
   * caller sent shows its links and flags on the next read.
   */
  settled(entityRefs?: string[]): Promise<void> {
    return this.correlation.settled(entityRefs);
  }

  /**
   * Correlates one environment again from `since` on, and resolves once
   * done: for what changes outside the events, such as rollback evidence
   * read from Prometheus.
   */
  async correlateAgain(work: CorrelationWork): Promise<void> {
    this.correlation.add([work]);
    await this.correlation.settled([work.entityRef]);
  }

  /** Correlates what is waiting; for shutdown. */
  stop(): Promise<void> {
    return this.correlation.stop();
  }

  async recordDeployments(inputs: DeploymentInput[]): Promise<IngestOutcome> {
    const { valid, rejected } = validate(deploymentInput, inputs);
    return {
      ...(await this.recordValidDeployments(valid as DeploymentInput[])),
      rejected,
    };
  }

  /**
   * Records deployments the ingest API has already parsed with the same
   * schema (`deploymentInput`): parsing them again would only cost time.
   */
  async recordValidDeployments(
    valid: DeploymentInput[],
  ): Promise<IngestOutcome> {
    if (valid.length === 0) return { stored: 0, updated: 0, rejected: [] };
    const { written, ...outcome } =
      await this.options.deployments.upsertDeployments(
        valid as DeploymentInput[],
        this.now(),
      );
    this.correlateAfter(written.map(d => ({ ...d, at: d.startedAt })));
    await this.publish(() => deploymentEvents(written));
    return { ...outcome, rejected: [] };
  }

  async recordErrors(inputs: ServiceErrorInput[]): Promise<IngestOutcome> {
    const { valid, rejected } = validate(serviceErrorInput, inputs);
    return {
      ...(await this.recordValidErrors(valid as ServiceErrorInput[])),
      rejected,
    };
  }

  /**
   * Records errors the ingest API has already parsed with the same schema
   * (`serviceErrorInput`): parsing them again would only cost time.
   */
  async recordValidErrors(valid: ServiceErrorInput[]): Promise<IngestOutcome> {
    if (valid.length === 0) return { stored: 0, updated: 0, rejected: [] };
    const normalized: NormalizedErrorInput[] = valid.map(input => ({
      ...input,
      fingerprint: input.fingerprint ?? defaultFingerprint(input),
    }));
    const { written, ...outcome } = await this.options.errors.upsertErrors(
      normalized,
      this.now(),
    );
    this.correlateAfter(written.map(e => ({ ...e, at: e.occurredAt })));
    await this.publish(() => errorGroupEvents(written, this.options.errors));
    return { ...outcome, rejected: [] };
  }

  /**
   * Publishes what a write means to people. The write is stored whatever
   * happens here: a failure to tell is logged, never the caller's error.
   */
  private async publish(
    events: () => DomainEvent[] | Promise<DomainEvent[]>,
  ): Promise<void> {
    const { publisher, logger } = this.options;
    if (!publisher) return;
    try {
      await publishSafely(publisher, await events(), logger);
    } catch (error) {
      // Working out what to publish read the store, and that failed.
      logger.warn(`Could not publish OpsReady events: ${error}`);
    }
  }

  async withdrawDeployments(
    source: string,
    deployments: WithdrawnDeployment[],
  ): Promise<number> {
    if (deployments.length === 0) return 0;
    const deleted = await this.options.deployments.deleteDeployments(
      source,
      deployments.map(d => d.externalId),
    );
    this.correlateAfter(deployments.map(d => ({ ...d, at: d.startedAt })));
    return deleted;
  }

  listOpenErrors(source: string) {
    return this.options.errors.listOpenErrors(source);
  }

  /**
   * Has the events of each environment the writes touched worked out again,
   * from shortly before the earliest of them, once the queue's round comes.
   */
  private correlateAfter(
    events: Array<{ entityRef: string; environment: string; at: string }>,
  ) {
    const windowMs = this.options.config.correlationWindowMs;
    this.correlation.add(
      events.map(
        (e): CorrelationWork => ({
          entityRef: e.entityRef,
          environment: e.environment,
          since: new Date(Date.parse(e.at) - windowMs),
        }),
      ),
    );
  }

  /** Re-correlates the deployments of one environment from `since` on. */
  private async correlateEnvironment({
    entityRef,
    environment,
    since,
  }: CorrelationWork): Promise<void> {
    const {
      deployments: deploymentsStore,
      errors: errorsStore,
      health,
      config,
    } = this.options;
    const [before, after] = await Promise.all([
      deploymentsStore.deploymentsBefore(
        entityRef,
        environment,
        since,
        HISTORY,
      ),
      deploymentsStore.deploymentsBetween([entityRef], environment, {
        from: since,
        to: FOREVER,
      }),
    ]);
    const deployments = [...before.reverse(), ...after];
    if (deployments.length === 0) return;
    const start = new Date(
      Date.parse(deployments[0].startedAt) - config.correlationWindowMs,
    );
    const [errors, transitions, endpoint] = await Promise.all([
      errorsStore.errorsBetween(entityRef, environment, {
        from: start,
        to: FOREVER,
      }),
      health.getTransitions(entityRef, { from: start, to: FOREVER }),
      health.getEndpoint(entityRef, environment),
    ]);
    const outcome = correlate(
      {
        deployments,
        errors,
        healthDowns: transitions
          .filter(t => t.environment === environment && t.to === 'down')
          .map(t => t.at),
        endpoint: endpoint?.state,
      },
      {
        windowMs: config.correlationWindowMs,
        consecutiveHealthFailures: config.rollbackConsecutiveHealthFailures,
        healthFailureThreshold: this.options.healthFailureThreshold,
        errorSpike: config.errorSpike,
      },
    );
    await deploymentsStore.saveCorrelations(
      outcome.deployments,
      outcome.errorLinks,
    );
    await this.publish(() =>
      rollbackAdvisedEvents(deployments, outcome.deployments),
    );
  }

  /**
   * The latest version in each environment. An environment drifts when it
   * is behind: it does not run the newest version running anywhere (newest
   * by semantic version when every version is one, else the one deployed
   * last), e.g. production still on 1.4.2 while staging runs 1.5.0.
   */
  async environments(entityRef: string): Promise<EnvironmentVersion[]> {
    const latest = await this.options.deployments.latestPerEnvironment(
      entityRef,
    );
    const deployedAt = (d: Deployment) =>
      Date.parse(d.finishedAt ?? d.startedAt);
    const semantic = latest.every(
      d => compareVersions(d.version, d.version) !== undefined,
    );
    const newest = [...latest].sort((a, b) =>
      semantic
        ? compareVersions(b.version, a.version)!
        : deployedAt(b) - deployedAt(a),
    )[0];
    return latest.map(d => ({
      environment: d.environment,
      version: d.version,
      status: d.status,
      deploymentId: d.id,
      deployedAt: d.finishedAt ?? d.startedAt,
      ...(d.actor ? { actor: d.actor } : {}),
      ...(d.commitSha ? { commitSha: d.commitSha } : {}),
      drift: d.version !== newest.version,
    }));
  }

  /** DORA figures of some entities together, in one environment, over a window. */
  async dora(
    entityRefs: string[],
    environment: string,
    range: { from: Date; to: Date },
  ): Promise<DoraFigures> {
    const { deployments: deploymentsStore, health } = this.options;
    // A restoration that ends in the window may have started before it.
    const lookback = new Date(range.from.getTime() - 30 * 24 * 3600_000);
    const deployments = await deploymentsStore.deploymentsBetween(
      entityRefs,
      environment,
      {
        from: lookback,
        to: range.to,
      },
    );
    const restorations: DoraRestoration[] = [];
    const byEntity = new Map<string, Deployment[]>();
    for (const d of deployments) {
      // Pushed, not copied: a 30-day window can hold thousands.
      const list = byEntity.get(d.entityRef);
      if (list) list.push(d);
      else byEntity.set(d.entityRef, [d]);
    }
    // A change failure is restored by the next deployment that is not one.
    for (const list of byEntity.values()) {
      list.forEach((d, i) => {
        if (!d.changeFailure || d.status === 'failed') return;
        const fix = list
          .slice(i + 1)
          .find(n => n.status === 'succeeded' && !n.changeFailure);
        if (fix) {
          restorations.push({
            failedAt: d.finishedAt ?? d.startedAt,
            restoredAt: fix.finishedAt ?? fix.startedAt,
          });
        }
      });
    }
    // An endpoint that went down is restored when it comes back up.
    for (const entityRef of entityRefs) {
      const transitions = (
        await health.getTransitions(entityRef, { from: lookback, to: range.to })
      ).filter(t => t.environment === environment);
      let downAt: string | undefined;
      for (const t of transitions) {
        if (t.to === 'down') downAt ??= t.at;
        else if (downAt) {
          restorations.push({ failedAt: downAt, restoredAt: t.at });
          downAt = undefined;
        }
      }
    }
    return computeDora({
      from: range.from,
      to: range.to,
      environment,
      deployments,
      restorations,
    });
  }
}
