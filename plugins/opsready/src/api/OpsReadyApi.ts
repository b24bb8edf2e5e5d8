import { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/core-plugin-api';
import {
  Deployment,
  DeploymentFilter,
  DoraFigures,
  EntityEvaluation,
  EntityExemption,
  EntityHealth,
  EnvironmentVersion,
  ServiceError,
  ErrorFilter,
  ErrorSeries,
  Exemption,
  ExemptionDecision,
  FleetFilter,
  FleetOverview,
  NewExemption,
  NotificationFilter,
  NotificationRecord,
  OwnerDora,
  Page,
  PageRequest,
  ScorePoint,
  TimeRange,
  TimelineEvent,
} from '@opsready/plugin-opsready-common';

// The API's shapes are defined once, in opsready-common, from the spec; they
// stay importable from this package as they were.
export type {
  DeploymentFilter,
  EntityExemption,
  EntityHealth,
  ErrorFilter,
  ErrorSeries,
  ExemptionDecision,
  HealthEndpointState,
  HealthFigures,
  HealthStatus,
  NewExemption,
  NotificationFilter,
  NotificationRecord,
  NotificationStatus,
  NotificationTimelineDetails,
  OwnerDora,
  Page,
  PageRequest,
  ScorePoint,
  TimeRange,
} from '@opsready/plugin-opsready-common';

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
  ): Promise<Page<ServiceError>>;
  /** Error events per hour (UTC) and severity over the range, for charts. */
  getErrorSeries(
    entity: CompoundEntityRef,
    options?: TimeRange & { environment?: string },
  ): Promise<ErrorSeries>;
  /** Resolves the error and its open group; returns it resolved. */
  resolveError(id: string, notes?: string): Promise<ServiceError>;
  /** Deployments, errors, health transitions and score changes, newest first. */
  getTimeline(
    entity: CompoundEntityRef,
    range?: TimeRange,
    page?: PageRequest,
  ): Promise<Page<TimelineEvent> & { from: string; to: string }>;
  getFleet(filter?: FleetFilter, page?: PageRequest): Promise<FleetOverview>;
  /**
   * What the entity's owners were told (or what was held back from them),
   * newest first; `open: true` for notices about problems still open.
   */
  getNotifications(
    entity: CompoundEntityRef,
    filter?: NotificationFilter,
    page?: PageRequest,
  ): Promise<Page<NotificationRecord>>;
}

/** @public */
export const opsreadyApiRef = createApiRef<OpsReadyApi>({
  id: 'plugin.opsready.service',
});
