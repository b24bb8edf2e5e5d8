import {
  ChangeFailureReason,
  Deployment,
  DeploymentInput,
  DeploymentStatus,
  RollbackEvidence,
} from '@opsready/plugin-opsready-common';
import { Page, PageRequest, UpsertOutcome } from './types';

export interface DeploymentFilter {
  environment?: string;
  status?: DeploymentStatus;
  from?: Date;
  to?: Date;
}

/** What correlation decided about one deployment. */
export interface DeploymentCorrelation {
  id: string;
  previousVersion?: string;
  isRollback: boolean;
  changeFailureReasons: ChangeFailureReason[];
  rollbackAdvisedReason?: string;
}

/** Where deployments are kept. */
export interface DeploymentsStore {
  /**
   * Writes a batch: an input naming a known `source` + `externalId`
   * updates that row, any other makes a new one. The new rows go in at
   * once, the updates in one transaction (see upsertBySourceKey).
   */
  upsertDeployments(
    inputs: DeploymentInput[],
    now: Date,
  ): Promise<UpsertOutcome<DeploymentInput>>;

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
  /**
   * The deployments to watch for rollback triggers: of each entity and
   * environment, the latest deployment that reached it (none failed after
   * it), if it did so at `since` or later: succeeded and finished then, or
   * started then and still running. Oldest first.
   */
  watchedDeployments(since: Date): Promise<Deployment[]>;
  /** Replaces the rollback evidence of a deployment; an empty list removes it. */
  setRollbackEvidence(id: string, evidence: RollbackEvidence[]): Promise<void>;
  /**
   * Saves what correlation decided about deployments, and which deployment
   * each error followed, in one transaction: a reader never sees a rollback
   * flagged without the errors that led to it linked.
   */
  saveCorrelations(
    deployments: DeploymentCorrelation[],
    errorLinks: Array<{ id: string; deploymentId: string | null }>,
  ): Promise<void>;

  /**
   * Deletes these deployments of one source (errors linked to them are
   * unlinked, not deleted); returns how many it deleted.
   */
  deleteDeployments(source: string, externalIds: string[]): Promise<number>;

  /**
   * Deletes deployments started before `before`, in batches; returns how
   * many. The latest deployment of each environment stays, so what runs
   * where is never forgotten.
   */
  deleteOlderThan(before: Date, batchSize?: number): Promise<number>;
}
