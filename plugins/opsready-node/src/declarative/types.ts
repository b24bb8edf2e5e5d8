import { CheckDescription } from '@opsready/plugin-opsready-common';
import { CheckApplicability } from '../checks/types';

/**
 * How a value found at a path is judged. At most one of the three; none
 * means `exists: true`.
 *
 * @public
 */
export interface DeclarativeValueTest {
  /** `true`: the path holds a value (not null); `false`: it does not. */
  exists?: boolean;
  /** The value found equals this scalar exactly (no type conversion). */
  equals?: string | number | boolean;
  /** The value found, a string or number, matches this regular expression. */
  matches?: string;
}

/**
 * A path into the entity, e.g. `spec.lifecycle` or
 * `metadata.annotations["backstage.io/techdocs-ref"]`.
 *
 * @public
 */
export interface DeclarativeEntityCondition extends DeclarativeValueTest {
  /** Dotted, with `[n]`, `[*]` (every item) and `["key.with.dots"]`. */
  path: string;
}

/**
 * An annotation of the entity, by its full name.
 *
 * @public
 */
export interface DeclarativeAnnotationCondition extends DeclarativeValueTest {
  /** The annotation's full name, e.g. `pagerduty.com/service-id`. */
  name: string;
}

/**
 * Files of the repository: `path` is an exact path or a glob (`*`, `**`,
 * `?`, `{a,b}`). Without `matches` or `yaml`, some file must exist there.
 *
 * @public
 */
export interface DeclarativeFileCondition {
  /** An exact path from the repository root, or a glob. */
  path: string;
  /** Some matching file's text matches this (multi-line: `^` and `$` match at lines). */
  matches?: string;
  /** Some matching file, parsed as YAML (JSON is YAML), holds a value at `path`. */
  yaml?: DeclarativeEntityCondition;
}

/**
 * A path of each Kubernetes workload (Deployment, StatefulSet, DaemonSet,
 * ReplicaSet, Job, CronJob), declared and live, relative to the object,
 * e.g. `spec.template.spec.containers[*].resources.limits`.
 *
 * @public
 */
export interface DeclarativeKubernetesCondition extends DeclarativeValueTest {
  /** A path of the workload object, as for entity conditions. */
  path: string;
  /** Every workload (the default) or at least one must hold the path. */
  workloads?: 'every' | 'any';
  /** Only workloads of these kinds count. */
  kinds?: string[];
}

/**
 * A figure of the health endpoints the prober measured.
 *
 * @public
 */
export interface DeclarativeHealthCondition {
  /** Uptime is a share from 0 to 1; latency is in milliseconds. */
  metric: 'uptime' | 'p95LatencyMs';
  /** The lowest figure that meets the condition. */
  atLeast?: number;
  /** The highest figure that meets the condition. */
  atMost?: number;
  /** Every endpoint (the default) or at least one must meet it. */
  endpoints?: 'every' | 'any';
}

/**
 * Delivery figures: exactly one of the two.
 *
 * @public
 */
export interface DeclarativeDeliveryCondition {
  /** The last production deployment finished at most this many days ago. */
  deployedWithinDays?: number;
  /** At most this many critical errors are unresolved. */
  openCriticalErrorsAtMost?: number;
}

/**
 * A condition of a declarative check: exactly one key.
 *
 * @public
 */
export type DeclarativeCondition =
  | { entity: DeclarativeEntityCondition }
  | { annotation: DeclarativeAnnotationCondition }
  | { file: DeclarativeFileCondition }
  | { kubernetes: DeclarativeKubernetesCondition }
  | { health: DeclarativeHealthCondition }
  | { delivery: DeclarativeDeliveryCondition }
  | { all: DeclarativeCondition[] }
  | { any: DeclarativeCondition[] }
  | { not: DeclarativeCondition };

/**
 * A check written in app-config (`opsready.checks.declarative`) or in the
 * file of a check location (`opsready.checks.locations`).
 *
 * @public
 */
export interface DeclarativeCheckSpec extends CheckDescription {
  /** Which entities it applies to, as for checks written in code. */
  appliesTo?: CheckApplicability;
  /** What must hold for the check to pass. */
  condition: DeclarativeCondition;
}

/**
 * Caps on what a declarative check may hold, so that a mistake in config
 * cannot make every evaluation slow.
 *
 * @public
 */
export const declarativeLimits = {
  /** Characters of a regular expression. */
  patternLength: 500,
  /** Characters of a path or glob. */
  pathLength: 300,
  /** Conditions within one check, combinators included. */
  conditions: 50,
  /** Nesting of combinators. */
  depth: 8,
  /** Declarative checks in all. */
  checks: 500,
} as const;
