import {
  ChangeFailureReason,
  Deployment,
  DeploymentInput,
  DeploymentStatus,
  ErrorCategory,
  ErrorEvent,
  ErrorEventInput,
  ErrorSeriesPoint,
  ErrorSeverity,
  ErrorStatus,
  ProvisionedEventInput,
} from '@opsready/plugin-opsready-common';

/** Error events per hour and severity, and the environments they came from. */
export interface ErrorSeries {
  items: ErrorSeriesPoint[];
  environments: string[];
}

/** A page of a list, newest first, and where the next one starts. */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

export interface PageRequest {
  limit: number;
  cursor?: string;
}

export interface DeploymentFilter {
  environment?: string;
  status?: DeploymentStatus;
  from?: Date;
  to?: Date;
}

export interface ErrorFilter {
  environment?: string;
  severity?: ErrorSeverity;
  category?: ErrorCategory;
  status?: ErrorStatus;
  /** Errors seen at some time in [from, to]. */
  from?: Date;
  to?: Date;
}

/** An error input with its entity ref normalized and fingerprint decided. */
export type NormalizedErrorInput = ErrorEventInput & { fingerprint: string };

/** An error without its long texts. */
export type ErrorSummary = Omit<
  ErrorEvent,
  'stackTrace' | 'userImpact' | 'businessImpact' | 'resolutionNotes'
>;

/** What one batch write did. */
export interface UpsertOutcome<T> {
  /** Inputs that made a new row. */
  stored: number;
  /** Inputs that changed a row they named; a redelivery that changes nothing is neither. */
  updated: number;
  /** The inputs stored or updated, the ones whose environments need correlating again. */
  written: T[];
}

/** What correlation decided about one deployment. */
export interface DeploymentCorrelation {
  id: string;
  previousVersion?: string;
  isRollback: boolean;
  changeFailureReasons: ChangeFailureReason[];
  rollbackAdvisedReason?: string;
}

export interface ProvisionedEvent extends ProvisionedEventInput {
  id: string;
  entityRef: string;
  at: string;
}

/** Where deployments, errors and provisioned events are kept. */
export interface EventsStore {
  /**
   * Writes a batch in one transaction: an input naming a known `source` +
   * `externalId` updates that row, any other makes a new one.
   */
  upsertDeployments(
    inputs: DeploymentInput[],
    now: Date,
  ): Promise<UpsertOutcome<DeploymentInput>>;
  /** As upsertDeployments; a later sighting of a known error counts once more. */
  upsertErrors(
    inputs: NormalizedErrorInput[],
    now: Date,
  ): Promise<UpsertOutcome<NormalizedErrorInput>>;

  getDeployment(id: string): Promise<Deployment | undefined>;
  listDeployments(
    entityRef: string,
    filter: DeploymentFilter,
    page: PageRequest,
  ): Promise<Page<Deployment>>;
  /** Deployments of these entities in one environment, started in the range, oldest first. */
  deploymentsBetween(
    entityRefs: string[],
    environment: string | undefined,
    range: { from: Date; to: Date },
  ): Promise<Deployment[]>;
  /** The `count` deployments of the environment started before `before`, newest first. */
  deploymentsBefore(
    entityRef: string,
    environment: string,
    before: Date,
    count: number,
  ): Promise<Deployment[]>;
  /** The latest deployment of each environment that succeeded. */
  latestPerEnvironment(entityRef: string): Promise<Deployment[]>;
  saveCorrelations(
    deployments: DeploymentCorrelation[],
    errorLinks: Array<{ id: string; deploymentId: string | null }>,
  ): Promise<void>;

  getError(id: string): Promise<ErrorEvent | undefined>;
  listErrors(
    entityRef: string,
    filter: ErrorFilter,
    page: PageRequest,
  ): Promise<Page<ErrorEvent>>;
  /** One item per fingerprint, latest sighting first (see ErrorEvent). */
  listErrorGroups(
    entityRef: string,
    filter: ErrorFilter,
    page: PageRequest,
  ): Promise<Page<ErrorEvent>>;
  /**
   * Error events that started in the range, counted per hour (UTC) and
   * severity, oldest hour first (hours without one are left out), and the
   * environments they came from.
   */
  errorCountsByHour(
    entityRef: string,
    filter: { environment?: string; from: Date; to: Date },
  ): Promise<ErrorSeries>;
  /** Errors of one environment seen in the range, oldest first, without their long texts. */
  errorsBetween(
    entityRef: string,
    environment: string | undefined,
    range: { from: Date; to: Date },
  ): Promise<ErrorSummary[]>;
  /**
   * Errors that started in the range, latest first, at most `limit`;
   * without their long texts (stack trace, impacts, resolution notes),
   * which a timeline does not show.
   */
  errorsStartedBetween(
    entityRef: string,
    range: { from: Date; to: Date },
    limit: number,
  ): Promise<ErrorSummary[]>;
  /**
   * Resolves the error and every open error of its entity with the same
   * fingerprint (they are one problem); returns how many it resolved.
   */
  resolveError(
    id: string,
    resolution: { by: string; notes?: string; at: Date },
  ): Promise<number>;
  listOpenErrors(
    source: string,
  ): Promise<Array<{ entityRef: string; externalId: string }>>;

  addProvisioned(
    entityRef: string,
    input: ProvisionedEventInput,
    at: Date,
  ): Promise<ProvisionedEvent>;
  provisionedBetween(
    entityRef: string,
    range: { from: Date; to: Date },
  ): Promise<ProvisionedEvent[]>;

  /**
   * Deletes these deployments of one source (errors linked to them are
   * unlinked, not deleted); returns how many it deleted.
   */
  deleteDeployments(source: string, externalIds: string[]): Promise<number>;

  /**
   * Deletes deployments started and errors last seen before `before`, in
   * batches. The latest deployment of each environment stays, so what runs
   * where is never forgotten.
   */
  deleteOlderThan(
    before: Date,
    batchSize?: number,
  ): Promise<{ deployments: number; errors: number }>;
}
