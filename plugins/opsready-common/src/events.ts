/*
 * What CI/CD, webhooks and the Kubernetes collector tell OpsReady about
 * deployments and errors. Every source translates its own payloads into
 * these inputs, so the store, the correlation and the DORA maths know one
 * shape. `source` + `externalId` identify an event: the same pair sent twice
 * (a redelivered webhook, a retried CI step) updates the row it made the
 * first time and never makes a second one.
 */
import type { components } from './generated/openapi';

/**
 * Where a deployment stands.
 *
 * @public
 */
export type DeploymentStatus =
  | 'started'
  | 'succeeded'
  | 'failed'
  | 'rolled-back';

/** @public */
export const DEPLOYMENT_STATUSES: ReadonlyArray<DeploymentStatus> = [
  'started',
  'succeeded',
  'failed',
  'rolled-back',
];

/**
 * A deployment of one version of a service to one environment.
 *
 * @public
 */
export interface DeploymentInput {
  /** The catalog entity, e.g. `component:default/cartservice`. */
  entityRef: string;
  /** e.g. `production`, `staging`. */
  environment: string;
  /** What was deployed: a semver, an image tag or digest, a commit. */
  version: string;
  status: DeploymentStatus;
  /** ISO 8601. */
  startedAt: string;
  /** ISO 8601; absent while the deployment is running. */
  finishedAt?: string;
  commitSha?: string;
  /** When the deployed commit was made (ISO 8601): lead time starts here. */
  commitAt?: string;
  /** Who or what deployed it. */
  actor?: string;
  /** Link to the CI run or the deployment page. */
  url?: string;
  /** Which tool sent it: `api`, `github`, `argocd`, `kubernetes`… */
  source: string;
  /** The event's id in that tool. */
  externalId: string;
}

/**
 * How bad an error is.
 *
 * @public
 */
export type ErrorSeverity = 'critical' | 'high' | 'medium' | 'low';

/** @public */
export const ERROR_SEVERITIES: ReadonlyArray<ErrorSeverity> = [
  'critical',
  'high',
  'medium',
  'low',
];

/**
 * What kind of failure an error is.
 *
 * @public
 */
export type ErrorCategory =
  | 'configuration'
  | 'dependency'
  | 'resource'
  | 'network'
  | 'security'
  | 'performance';

/** @public */
export const ERROR_CATEGORIES: ReadonlyArray<ErrorCategory> = [
  'configuration',
  'dependency',
  'resource',
  'network',
  'security',
  'performance',
];

/**
 * An error seen on a service: the fields an incident review needs.
 *
 * @public
 */
export interface ServiceErrorInput {
  entityRef: string;
  environment: string;
  /** Where in the delivery it happened: `build`, `deploy`, `runtime`… */
  stage?: string;
  /** A short machine-readable code, e.g. `CrashLoopBackOff`, `HTTP_503`. */
  code?: string;
  severity: ErrorSeverity;
  category: ErrorCategory;
  message: string;
  stackTrace?: string;
  userImpact?: string;
  businessImpact?: string;
  /** ISO 8601. */
  occurredAt: string;
  /**
   * Errors with the same fingerprint are one problem seen several times
   * (count, first and last seen). Defaults to entity, environment, code and
   * message.
   */
  fingerprint?: string;
  /**
   * Set when the source itself says the problem is over (an alert that
   * resolved, a pod that recovered). ISO 8601.
   */
  resolvedAt?: string;
  source: string;
  externalId: string;
}

/*
 * What the read API answers: the inputs above as stored, with what
 * OpsReady worked out about them (duration, rollbacks, change failures,
 * grouping of errors).
 */

/**
 * Why a deployment counts as a change failure.
 *
 * @public
 */
export type ChangeFailureReason =
  /** The deployment itself was reported as rolled back. */
  | 'rolled-back'
  /** A later deployment of the same environment went back to an earlier version. */
  | 'followed-by-rollback'
  /** An error came within the correlation window after it. */
  | 'error'
  /** A health endpoint of the environment went down within the window. */
  | 'health-down';

/**
 * A deployment as stored, with what correlation found.
 *
 * @public
 */
export interface Deployment extends DeploymentInput {
  id: string;
  /** finishedAt - startedAt, when both are known. */
  durationMs?: number;
  /** The version deployed to this environment before this one. */
  previousVersion?: string;
  /** This deployment went back to a version deployed earlier. */
  isRollback: boolean;
  changeFailure: boolean;
  changeFailureReasons: ChangeFailureReason[];
  /**
   * After this deployment the service looks broken: its health endpoint
   * failed repeatedly or errors spiked.
   */
  rollbackAdvised: boolean;
  rollbackAdvisedReason?: string;
  /**
   * What the request metrics said after the deployment (error rate and
   * latency against the hour before), whether or not a trigger fired.
   */
  rollbackEvidence?: RollbackEvidence[];
  /** When OpsReady first heard of it, and last changed it. ISO 8601. */
  receivedAt: string;
  updatedAt: string;
}

/**
 * Whether an error still needs someone.
 *
 * @public
 */
export type ErrorStatus = 'open' | 'resolved';

/** @public */
export const ERROR_STATUSES: ReadonlyArray<ErrorStatus> = ['open', 'resolved'];

/**
 * An error as stored. In the grouped view, one item stands for every error
 * of the entity with the same fingerprint: `count`, `firstSeenAt` and
 * `lastSeenAt` then cover the whole group, `occurrences` says how many
 * events it holds, and the other fields are those of its latest event.
 *
 * @public
 */
export interface ServiceError
  extends Omit<ServiceErrorInput, 'fingerprint' | 'resolvedAt'> {
  id: string;
  fingerprint: string;
  /** How many times it was seen. */
  count: number;
  firstSeenAt: string;
  lastSeenAt: string;
  status: ErrorStatus;
  resolvedAt?: string;
  /** Who resolved it: a user entity ref, a service, or the source that saw it clear. */
  resolvedBy?: string;
  resolutionNotes?: string;
  /** The deployment it followed within the correlation window. */
  deploymentId?: string;
  /**
   * That deployment as a reader needs it; on the entity's error list and a
   * resolved error, while the deployment is still kept.
   */
  deployment?: ErrorDeployment;
  /** Grouped view only: how many stored events the group holds. */
  occurrences?: number;
}

/**
 * The deployment an error followed: what was deployed where, and when.
 *
 * @public
 */
export interface ErrorDeployment {
  version: string;
  environment: string;
  status: DeploymentStatus;
  startedAt: string;
  finishedAt?: string;
}

/**
 * The latest version of a service in one environment.
 *
 * @public
 */
export interface EnvironmentVersion {
  environment: string;
  version: string;
  status: DeploymentStatus;
  deploymentId: string;
  deployedAt: string;
  actor?: string;
  commitSha?: string;
  /** The version differs from the one most environments run. */
  drift: boolean;
}

/**
 * What kind of event stands on the timeline. A `notification` is a notice to
 * the entity's owners, sent or held back; its details are
 * `NotificationTimelineDetails`.
 *
 * @public
 */
export type TimelineEventType =
  | 'deployment'
  | 'error'
  | 'health'
  | 'score'
  | 'provisioned'
  | 'notification';

/**
 * One event of a service's timeline: deployments, errors, health
 * transitions, score changes and its creation from a template, on one time
 * axis.
 *
 * @public
 */
export interface TimelineEvent {
  /** Unique within the timeline, e.g. `deployment:<id>`. */
  id: string;
  type: TimelineEventType;
  /** ISO 8601. */
  at: string;
  title: string;
  environment?: string;
  /** critical/high/medium/low for errors, else absent. */
  severity?: ErrorSeverity;
  /** Type-specific figures: version and status, score and level… */
  details: Record<string, unknown>;
  links: Array<{ title: string; url: string }>;
}

/**
 * How many error events of each severity started in one hour (UTC): the
 * errors chart's series, counted by the backend so that it covers the whole
 * range however many events it holds.
 *
 * @public
 */
export interface ErrorSeriesPoint {
  /** ISO 8601, the start of the hour. */
  at: string;
  /** Events of severity critical that started in the hour. */
  critical: number;
  /** Events of severity high. */
  high: number;
  /** Events of severity medium. */
  medium: number;
  /** Events of severity low. */
  low: number;
}

/**
 * A service created from a template, as the scaffolder reports it.
 *
 * @public
 */
export interface ProvisionedEventInput {
  templateName: string;
  templateVersion?: string;
  repoUrl?: string;
  actor?: string;
}

/**
 * The DORA performance bands.
 *
 * @public
 */
export type DoraBand = 'elite' | 'high' | 'medium' | 'low';

/**
 * One DORA metric over a window: its value (null when the window holds
 * nothing to measure it on) and its band.
 *
 * @public
 */
export interface DoraMetric {
  value: number | null;
  band: DoraBand | null;
}

/**
 * The four DORA keys of an entity or of all entities of an owner.
 *
 * @public
 */
export interface DoraFigures {
  from: string;
  to: string;
  /** The environment the figures are about (production by default). */
  environment: string;
  /** Deployments that reached the environment in the window. */
  deployments: number;
  /** Deployments per day. */
  deploymentFrequency: DoraMetric;
  /** Median hours from commit to finished deployment, where the commit time is known. */
  leadTimeHours: DoraMetric;
  /** Share of deployments that were change failures, 0-1. */
  changeFailureRate: DoraMetric;
  /** Median hours from a failure (change failure or health down) to restoration. */
  timeToRestoreHours: DoraMetric;
}

/**
 * A rollback trigger read from request metrics after a deployment: the
 * query, the figures before and after, the threshold and the window (the
 * spec's `RollbackEvidence`).
 *
 * @public
 */
export type RollbackEvidence = components['schemas']['RollbackEvidence'];
