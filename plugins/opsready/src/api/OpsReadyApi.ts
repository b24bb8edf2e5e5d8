import { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/core-plugin-api';
import {
  Deployment,
  DeploymentStatus,
  DoraFigures,
  EntityEvaluation,
  EnvironmentVersion,
  ErrorCategory,
  ErrorEvent,
  ErrorSeriesPoint,
  ErrorSeverity,
  ErrorStatus,
  Exemption,
  FleetFilter,
  FleetOverview,
  TimelineEvent,
} from '@opsready/plugin-opsready-common';

/**
 * Error events per hour (UTC) and severity over a range, as the backend
 * counts them, and the environments they came from.
 *
 * @public
 */
export interface ErrorSeries {
  from: string;
  to: string;
  items: ErrorSeriesPoint[];
  environments: string[];
}

/**
 * One page of a list the backend pages on the server.
 *
 * @public
 */
export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` for the next page; absent on the last one. */
  nextCursor?: string;
}

/** @public */
export interface PageRequest {
  cursor?: string;
  limit?: number;
}

/** @public */
export interface TimeRange {
  /** ISO 8601. */
  from?: string;
  /** ISO 8601. */
  to?: string;
}

/** @public */
export interface DeploymentFilter extends TimeRange {
  environment?: string;
  status?: DeploymentStatus;
}

/** @public */
export interface ErrorFilter extends TimeRange {
  environment?: string;
  severity?: ErrorSeverity;
  category?: ErrorCategory;
  status?: ErrorStatus;
  /** Grouped by fingerprint (the default) or every event. */
  view?: 'grouped' | 'flat';
}

/**
 * A score as it was at one moment.
 *
 * @public
 */
export interface ScorePoint {
  score: number | null;
  level: string | null;
  recordedAt: string;
}

/** @public */
export type EntityExemption = Exemption & { active: boolean };

/** @public */
export interface NewExemption {
  checkId: string;
  reason: string;
  /** ISO 8601, in the future. */
  expiresAt: string;
}

/** @public */
export interface ExemptionDecision {
  decision: 'grant' | 'decline';
  /** What the requester should know, e.g. why it was declined. */
  note?: string;
}

/** @public */
export type HealthStatus = 'up' | 'down' | 'unknown';

/**
 * Figures of a health endpoint over a window.
 *
 * @public
 */
export interface HealthFigures {
  probes: number;
  /** 0-1, or null without probes. */
  uptime: number | null;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
}

/** @public */
export interface HealthEndpointState {
  environment: string;
  url: string;
  status: HealthStatus;
  since: string | null;
  flapping: boolean;
  windows: Partial<Record<'24h' | '7d' | '30d', HealthFigures>>;
  lastTransitions: Array<{
    from: string;
    to: string;
    at: string;
    reason?: string;
  }>;
}

/** @public */
export interface EntityHealth {
  entityRef: string;
  endpoints: HealthEndpointState[];
  declared: Array<{ environment: string; url: string }>;
  /** Mistakes in the entity's health annotations. */
  problems: string[];
}

/** @public */
export type OwnerDora = DoraFigures & {
  owner: string;
  entities: Array<DoraFigures & { entityRef: string; title?: string }>;
};

/**
 * The OpsReady backend, as the frontend sees it.
 *
 * @public
 */
export interface OpsReadyApi {
  /** The latest evaluation of an entity's checks. */
  getEntityEvaluation(entity: CompoundEntityRef): Promise<EntityEvaluation>;
  /** Runs the entity's checks now and returns the new evaluation. */
  refreshEntityEvaluation(entity: CompoundEntityRef): Promise<EntityEvaluation>;
  /** Score and level changes, oldest first. */
  getScoreHistory(
    entity: CompoundEntityRef,
    range?: TimeRange,
  ): Promise<{ items: ScorePoint[] }>;
  getExemptions(
    entity: CompoundEntityRef,
  ): Promise<{ items: EntityExemption[] }>;
  /** Grants an exemption outright (permission opsready.exemptions.manage). */
  createExemption(
    entity: CompoundEntityRef,
    exemption: NewExemption,
  ): Promise<Exemption>;
  /** Asks for an exemption; it is not in force until someone grants it. */
  requestExemption(
    entity: CompoundEntityRef,
    exemption: NewExemption,
  ): Promise<Exemption>;
  /** Grants or declines a request (permission opsready.exemptions.manage). */
  decideExemption(id: string, decision: ExemptionDecision): Promise<Exemption>;
  revokeExemption(id: string): Promise<void>;
  getHealth(entity: CompoundEntityRef): Promise<EntityHealth>;
  getDeployments(
    entity: CompoundEntityRef,
    filter?: DeploymentFilter,
    page?: PageRequest,
  ): Promise<Page<Deployment>>;
  /** The latest successful version in each environment. */
  getEnvironments(
    entity: CompoundEntityRef,
  ): Promise<{ items: EnvironmentVersion[] }>;
  getDora(
    entity: CompoundEntityRef,
    options?: TimeRange & { environment?: string },
  ): Promise<DoraFigures>;
  getOwnerDora(
    owner: string,
    options?: TimeRange & { environment?: string },
  ): Promise<OwnerDora>;
  getErrors(
    entity: CompoundEntityRef,
    filter?: ErrorFilter,
    page?: PageRequest,
  ): Promise<Page<ErrorEvent>>;
  /** Error events per hour (UTC) and severity over the range, for charts. */
  getErrorSeries(
    entity: CompoundEntityRef,
    options?: TimeRange & { environment?: string },
  ): Promise<ErrorSeries>;
  /** Resolves the error and its open group; returns it resolved. */
  resolveError(id: string, notes?: string): Promise<ErrorEvent>;
  /** Deployments, errors, health transitions and score changes, newest first. */
  getTimeline(
    entity: CompoundEntityRef,
    range?: TimeRange,
    page?: PageRequest,
  ): Promise<Page<TimelineEvent> & { from: string; to: string }>;
  getFleet(filter?: FleetFilter, page?: PageRequest): Promise<FleetOverview>;
}

/** @public */
export const opsreadyApiRef = createApiRef<OpsReadyApi>({
  id: 'plugin.opsready.service',
});
