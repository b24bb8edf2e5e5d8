import { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/core-plugin-api';
import {
  ApiRequestBody,
  ApiResponse,
  CampaignEntity,
  CampaignEntityStatus,
  CampaignInput,
  CampaignPatch,
  CampaignPreview,
  CampaignProgress,
  CampaignChange,
  CampaignSaved,
  CampaignState,
  CampaignSummary,
  Deployment,
  DeploymentFilter,
  DoraFigures,
  EntityCampaign,
  EntityEvaluation,
  EntityExemption,
  EntityHealth,
  EnvironmentVersion,
  ServiceError,
  SloBurning,
  SloStatus,
  ErrorFilter,
  ErrorSeries,
  Exemption,
  ExemptionDecision,
  FixProposal,
  FleetFilter,
  FleetOverview,
  HealthHistory,
  ListedMaintenanceWindow,
  MaintenanceWindow,
  NewExemption,
  NotificationFilter,
  NotificationRecord,
  NewMaintenanceWindow,
  OwnerDora,
  Page,
  PageRequest,
  Rollup,
  RollupsPage,
  RollupsQuery,
  ScorePoint,
  TeamCampaignItems,
  TimeRange,
  TimelineEvent,
  ScorecardDescription,
} from '@opsready/plugin-opsready-common';

// The API's shapes are defined once, in opsready-common, from the spec; they
// stay importable from this package as they were.
export type {
  BurnUpPoint,
  Campaign,
  CampaignChange,
  CampaignEntity,
  CampaignEntityStatus,
  CampaignFigures,
  CampaignGoal,
  CampaignInput,
  CampaignItem,
  CampaignPatch,
  CampaignPreview,
  CampaignProgress,
  CampaignProjection,
  CampaignSaved,
  CampaignScope,
  CampaignState,
  CampaignSummary,
  CampaignTeam,
  EntityCampaign,
  TeamCampaignItems,
  DeploymentFilter,
  EntityExemption,
  EntityHealth,
  ErrorFilter,
  ErrorSeries,
  ExemptionDecision,
  FixProposal,
  HealthEndpointState,
  HealthFigures,
  HealthHistory,
  HealthStatus,
  ListedMaintenanceWindow,
  MaintenanceWindow,
  NewExemption,
  NotificationFilter,
  NotificationRecord,
  NotificationStatus,
  NotificationTimelineDetails,
  NewMaintenanceWindow,
  OwnerDora,
  Page,
  PageRequest,
  ScorePoint,
  SloBurning,
  SloStatus,
  RollbackEvidence,
  Rollup,
  RollupCheck,
  RollupPart,
  RollupsPage,
  RollupsQuery,
  RollupSummary,
  TimeRange,
} from '@opsready/plugin-opsready-common';

/**
 * The checks in force and the levels, as `GET /checks` lists them.
 *
 * @public
 */
export type CheckCatalog = ApiResponse<'/checks'>;

/**
 * Which campaigns to list.
 *
 * @public
 */
export interface CampaignFilter {
  /** Only campaigns in this state; all by default. */
  state?: CampaignState;
}

/**
 * Which of a campaign's entities to list.
 *
 * @public
 */
export interface CampaignEntityFilter {
  /** Only entities done, open or exempt. */
  status?: CampaignEntityStatus;
  /** An owner ref, e.g. group:default/team-a. */
  owner?: string;
}

/**
 * A page of a campaign's entities, and how many match the filter in all.
 *
 * @public
 */
export type CampaignEntitiesPage = Page<CampaignEntity> & {
  totalItems: number;
};

/**
 * A campaign's status as CSV, and the file name the backend suggests.
 *
 * @public
 */
export interface CampaignExport {
  /** e.g. `probes-everywhere.csv`. */
  filename: string;
  /** One row per entity: entity, owner, status, items left, due date. */
  csv: string;
}

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
  /** Health per bucket and environment over the range, and its maintenance. */
  getHealthHistory(
    entity: CompoundEntityRef,
    options?: TimeRange & { bucket?: 'hour' | 'day' },
  ): Promise<HealthHistory>;
  /**
   * The maintenance windows that apply to the entity, its system's among
   * them: in force first, then upcoming; with `includePast`, those over
   * within the last 30 days too.
   */
  getMaintenanceWindows(
    entity: CompoundEntityRef,
    options?: { includePast?: boolean },
  ): Promise<{ items: ListedMaintenanceWindow[] }>;
  /**
   * Declares a maintenance window on the entity, or on a System for all of
   * its entities (permission opsready.maintenance.manage).
   */
  createMaintenanceWindow(
    entity: CompoundEntityRef,
    window: NewMaintenanceWindow,
  ): Promise<MaintenanceWindow>;
  /** Deletes a maintenance window (permission opsready.maintenance.manage). */
  deleteMaintenanceWindow(id: string): Promise<void>;
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
  /** The checks in force and the configured levels. */
  getChecks(): Promise<CheckCatalog>;
  /**
   * The scorecards, each with its checks, weights, levels and scope; the
   * first is the entity's score where one score is shown.
   */
  getScorecards(): Promise<ScorecardDescription[]>;
  /** Campaigns with their progress: running ones first, then by deadline. */
  getCampaigns(
    filter?: CampaignFilter,
    page?: PageRequest,
  ): Promise<Page<CampaignSummary>>;
  /** A campaign and its figures and projection. */
  getCampaign(id: string): Promise<CampaignSummary>;
  /**
   * Validates a campaign without saving it, and counts the entities its
   * scope matches now.
   */
  previewCampaign(input: CampaignInput): Promise<CampaignPreview>;
  /** Launches a campaign (permission opsready.campaigns.manage). */
  createCampaign(input: CampaignInput): Promise<CampaignSaved>;
  /**
   * Edits a campaign, or pauses, resumes or ends it with `state`
   * (permission opsready.campaigns.manage).
   */
  updateCampaign(id: string, patch: CampaignPatch): Promise<CampaignSaved>;
  /** Who launched, edited, paused, resumed or ended it; newest first. */
  getCampaignHistory(id: string): Promise<{ items: CampaignChange[] }>;
  /** The burn-up, the teams by what they have left, and the projection. */
  getCampaignProgress(id: string): Promise<CampaignProgress>;
  /** The entities in scope, with what each still needs; open first. */
  getCampaignEntities(
    id: string,
    filter?: CampaignEntityFilter,
    page?: PageRequest,
  ): Promise<CampaignEntitiesPage>;
  /** The campaign's status as CSV, one row per entity. */
  exportCampaign(id: string): Promise<CampaignExport>;
  /** The running and paused campaigns that ask something of the entity. */
  getEntityCampaigns(
    entity: CompoundEntityRef,
  ): Promise<{ items: EntityCampaign[] }>;
  /** A team's entities with items left, by campaign, soonest deadline first. */
  getCampaignItems(
    owner: string,
  ): Promise<{ owner: string; items: TeamCampaignItems[] }>;
  /**
   * The changes proposed to fix the entity's checks that do not pass yet,
   * newest first; a proposal drops out once its check passes.
   */
  getFixProposals(entity: CompoundEntityRef): Promise<{ items: FixProposal[] }>;
  /**
   * The entity's objectives, its SLIs now, the error budget left, the
   * burn-rate alerts firing, and the burn rate over the last `hours`
   * (24 by default) with the deployments in that range.
   */
  getSlo(
    entity: CompoundEntityRef,
    options?: { hours?: number },
  ): Promise<SloStatus>;
  /** The services burning their error budget fastest, fastest first. */
  getBurningServices(options?: {
    limit?: number;
  }): Promise<{ items: SloBurning[] }>;
  /** The scoring configuration in force, in the shape a candidate takes. */
  getScorecardConfig(): Promise<ScorecardCandidate>;
  /**
   * What a candidate scoring configuration would do to the fleet's levels;
   * a 400 names what is wrong with it. Nothing is stored.
   */
  previewScorecards(candidate: ScorecardCandidate): Promise<ScorecardPreview>;
  /**
   * The roll-up of a group (all the way down), system or domain on a
   * scorecard (the first by default); a 400 for another kind.
   */
  getRollup(
    entity: CompoundEntityRef,
    options?: { scorecard?: string },
  ): Promise<Rollup>;
  /** A page of the roll-ups of groups, systems or domains, worst first. */
  getRollups(query?: RollupsQuery): Promise<RollupsPage>;
}

/**
 * A candidate scoring configuration: app-config's `opsready.checks`
 * (`disabled`, `overrides`) and `opsready.scoring` (`warnCredit`, `levels`).
 *
 * @public
 */
export type ScorecardCandidate = ApiRequestBody<'/scorecards/preview'>;

/**
 * What a candidate would do to the fleet: the level changes grouped, with
 * their causes, score deltas and the levels before and after.
 *
 * @public
 */
export type ScorecardPreview = ApiResponse<'/scorecards/preview', 'post'>;

/** @public */
export const opsreadyApiRef = createApiRef<OpsReadyApi>({
  id: 'plugin.opsready.service',
});
