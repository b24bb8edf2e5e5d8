import {
  ChangeFailureReason,
  Deployment,
  ServiceError,
} from '@opsready/plugin-opsready-common';
import semver from 'semver';
import { DeploymentCorrelation } from '../database/DeploymentsStore';

/*
 * What the events of one service in one environment say about each other:
 * which deployment an error followed, which deployments went back to an
 * earlier version, which were change failures, and after which one a
 * rollback is advised. Pure: the caller loads the events and saves what
 * changed, so late or out-of-order deliveries are handled by running it
 * again.
 */

export interface CorrelationSettings {
  /** An error or a health failure this long after a deployment follows from it. */
  windowMs: number;
  /** Rollback is advised past this many consecutive health failures. */
  consecutiveHealthFailures: number;
  /** Consecutive failures a down transition stands for (the health rules). */
  healthFailureThreshold: number;
  /** Errors after a deployment, at least minErrors and factor times the errors before. */
  errorSpike: { minErrors: number; factor: number };
}

export interface CorrelationInput {
  /**
   * The environment's deployments, oldest first, with some history before
   * the ones to decide; each with the rollback evidence its request metrics
   * gave (`rollbackEvidence`), where it was watched.
   */
  deployments: Deployment[];
  /** The environment's errors around those deployments. */
  errors: Array<
    Pick<ServiceError, 'id' | 'firstSeenAt' | 'count' | 'deploymentId'>
  >;
  /** Times the environment's health endpoint went down. */
  healthDowns: string[];
  /** The endpoint's state now, if it has one. */
  endpoint?: {
    status: 'up' | 'down' | 'unknown';
    consecutiveFailures: number;
    since?: string;
  };
}

export interface CorrelationOutcome {
  /** Deployments whose figures changed. */
  deployments: DeploymentCorrelation[];
  /** Errors whose deployment changed. */
  errorLinks: Array<{ id: string; deploymentId: string | null }>;
}

/**
 * Compares two versions when both are semantic versions: negative when a is
 * earlier, so `1.0.0-rc.10` comes after `1.0.0-rc.9` and `0.10.0` after
 * `0.9.0`. Undefined when either is not one: the caller then goes by the
 * order of the deployments.
 *
 * A version is semantic when `semver.valid` accepts it in strict mode, which
 * allows a leading `v` or `=` (`v0.10.6` is 0.10.6). Nothing is coerced:
 * `semver.coerce` would read a commit SHA such as `4f2a9c1` as 4.0.0 and a
 * tag such as `release-2` as 2.0.0, and order them by digits they merely
 * contain. Build metadata (`+…`) does not order versions.
 */
export function compareVersions(a: string, b: string): number | undefined {
  const x = semver.parse(a);
  const y = semver.parse(b);
  if (!x || !y) return undefined;
  return semver.compare(x, y);
}

/** When a deployment changed what runs: its end, or its start while it runs. */
const deployedAt = (d: Deployment) => Date.parse(d.finishedAt ?? d.startedAt);

const reached = (d: Deployment) => d.status !== 'failed';

export function correlate(
  input: CorrelationInput,
  settings: CorrelationSettings,
): CorrelationOutcome {
  const deployments = input.deployments;
  const { windowMs } = settings;

  // Each error follows the latest deployment that reached the environment
  // before it, if that deployment is recent enough.
  const linkOf = new Map<string, string | null>();
  const linkedTo = new Map<string, number>();
  for (const error of input.errors) {
    const at = Date.parse(error.firstSeenAt);
    let link: Deployment | undefined;
    for (const d of deployments) {
      if (!reached(d) || Date.parse(d.startedAt) > at) continue;
      if (!link || Date.parse(d.startedAt) >= Date.parse(link.startedAt)) {
        link = d;
      }
    }
    const linked =
      link &&
      at >= Date.parse(link.startedAt) &&
      at - deployedAt(link) <= windowMs
        ? link
        : undefined;
    linkOf.set(error.id, linked?.id ?? null);
    if (linked) {
      linkedTo.set(linked.id, (linkedTo.get(linked.id) ?? 0) + error.count);
    }
  }

  const decided = new Map<string, DeploymentCorrelation>();
  let lastShipped: Deployment | undefined;
  const seenVersions = new Set<string>();
  for (const d of deployments) {
    const previousVersion = lastShipped?.version;
    let isRollback = false;
    if (reached(d) && previousVersion && d.version !== previousVersion) {
      const order = compareVersions(d.version, previousVersion);
      isRollback =
        order !== undefined ? order < 0 : seenVersions.has(d.version);
    }
    decided.set(d.id, {
      id: d.id,
      ...(previousVersion ? { previousVersion } : {}),
      isRollback,
      changeFailureReasons: d.status === 'rolled-back' ? ['rolled-back'] : [],
    });
    if (isRollback && lastShipped) {
      decided
        .get(lastShipped.id)!
        .changeFailureReasons.push('followed-by-rollback');
    }
    if (d.status === 'succeeded') {
      if (lastShipped) seenVersions.add(lastShipped.version);
      lastShipped = d;
    }
  }

  deployments.forEach((d, index) => {
    if (!reached(d)) return;
    const correlation = decided.get(d.id)!;
    const from = deployedAt(d);
    const next = deployments.slice(index + 1).find(reached);
    const until = Math.min(
      from + windowMs,
      next ? Date.parse(next.startedAt) : Infinity,
    );
    const downs = input.healthDowns.filter(t => {
      const at = Date.parse(t);
      return at >= Date.parse(d.startedAt) && at <= until;
    });
    const errors = linkedTo.get(d.id) ?? 0;
    if (errors > 0) correlation.changeFailureReasons.push('error');
    if (downs.length > 0) correlation.changeFailureReasons.push('health-down');

    const advice: string[] = [];
    const failures = Math.max(
      downs.length ? settings.healthFailureThreshold : 0,
      !next &&
        input.endpoint?.status === 'down' &&
        input.endpoint.since &&
        Date.parse(input.endpoint.since) >= Date.parse(d.startedAt)
        ? input.endpoint.consecutiveFailures
        : 0,
    );
    if (failures > settings.consecutiveHealthFailures) {
      advice.push(`${failures} consecutive health failures after it`);
    }
    const before = input.errors
      .filter(e => {
        const at = Date.parse(e.firstSeenAt);
        return (
          at < Date.parse(d.startedAt) &&
          at >= Date.parse(d.startedAt) - windowMs
        );
      })
      .reduce((sum, e) => sum + e.count, 0);
    if (
      errors >= settings.errorSpike.minErrors &&
      errors >= settings.errorSpike.factor * before
    ) {
      advice.push(
        `${errors} errors within ${Math.round(
          windowMs / 60_000,
        )} minutes after it, against ${before} in as long before`,
      );
    }
    // The triggers read from Prometheus after it (rollbackTriggers/): the
    // evidence is measured elsewhere, only what fired counts here.
    for (const evidence of d.rollbackEvidence ?? []) {
      if (evidence.fired) {
        advice.push(
          evidence.message ?? `the ${evidence.trigger} trigger fired after it`,
        );
      }
    }
    if (advice.length) {
      correlation.rollbackAdvisedReason = advice.join('; ');
    }
  });

  const sameReasons = (a: ChangeFailureReason[], b: ChangeFailureReason[]) =>
    a.length === b.length && a.every((r, i) => r === b[i]);
  return {
    deployments: deployments
      .map(d => ({ current: d, next: decided.get(d.id)! }))
      .filter(
        ({ current, next }) =>
          current.previousVersion !== next.previousVersion ||
          current.isRollback !== next.isRollback ||
          !sameReasons(
            current.changeFailureReasons,
            next.changeFailureReasons,
          ) ||
          current.rollbackAdvisedReason !== next.rollbackAdvisedReason,
      )
      .map(({ next }) => next),
    // Errors before the first deployment loaded may follow one that was
    // not loaded: they only count as the baseline of a spike.
    errorLinks: input.errors
      .filter(
        e =>
          deployments.length > 0 &&
          Date.parse(e.firstSeenAt) >= Date.parse(deployments[0].startedAt),
      )
      .filter(e => (e.deploymentId ?? null) !== linkOf.get(e.id))
      .map(e => ({ id: e.id, deploymentId: linkOf.get(e.id) ?? null })),
  };
}
