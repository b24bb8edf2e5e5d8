import {
  CheckResult,
  FleetEntity,
  FleetFilter,
  FleetOverview,
} from '@opsready/plugin-opsready-common';
import { ScorecardScore } from '@opsready/plugin-opsready-node';

/**
 * What scopes (`appliesTo`) look at besides the kind, as the entity was at
 * its latest evaluation.
 */
export interface EntityScope {
  /** `spec.type`, null when the entity has none. */
  type: string | null;
  /** `spec.lifecycle`, null when the entity has none. */
  lifecycle: string | null;
  /** `metadata.tags`, empty when it has none. */
  tags: string[];
}

/** One evaluation of one entity, as stored. */
export interface StoredEvaluation {
  entityRef: string;
  kind: string;
  owner: string | null;
  score: number | null;
  level: string | null;
  evaluatedAt: Date;
  /**
   * When the entity was first evaluated, as stored (ignored when saving: the
   * store keeps the first). Pending checks count from it.
   */
  firstEvaluatedAt?: Date;
  results: CheckResult[];
  /**
   * The entity's score and level on each scorecard whose scope covers it;
   * `score` and `level` above are the first scorecard's. Left out, the
   * stored scorecard scores stay as they are.
   */
  scorecards?: ScorecardScore[];
  /**
   * The entity's type, lifecycle and tags. Left out when saving, they are
   * stored as not known; read back, absent for an entity last evaluated
   * before they were kept.
   */
  scope?: EntityScope;
}

/**
 * What re-scoring an entity needs of its latest evaluation: no owner,
 * messages nor evidence, which are most of a result's bytes.
 */
export interface ScoredEvaluation {
  entityRef: string;
  kind: string;
  /** Absent for an entity last evaluated before scopes were kept. */
  scope?: EntityScope;
  evaluatedAt: Date;
  firstEvaluatedAt: Date;
  results: Array<Pick<CheckResult, 'checkId' | 'status'>>;
}

/** A point of an entity's score history. */
export interface ScorePoint {
  score: number | null;
  level: string | null;
  recordedAt: Date;
}

/** A change of one check's status. */
export interface ResultChange {
  checkId: string;
  status: CheckResult['status'];
  message: string;
  changedAt: Date;
}

export type { FleetFilter } from '@opsready/plugin-opsready-common';

/** One row of the fleet view, as stored: the catalog adds the title. */
export type StoredFleetEntity = Omit<FleetEntity, 'title' | 'evaluatedAt'> & {
  evaluatedAt: Date;
};

/** The fleet view: a page of entities and figures over the whole filter. */
export type FleetPage = Omit<FleetOverview, 'items'> & {
  items: StoredFleetEntity[];
};

/** Which scorecard the fleet is seen through. */
export interface FleetScorecard {
  /** A scorecard other than the first, whose scores are read instead. */
  otherThanFirst?: string;
  /** The checks the scorecard scores. */
  checkIds: string[];
}

/** Where the evaluations of entities, their scores and histories are kept. */
export interface EvaluationsStore {
  /**
   * Replaces the entity's latest results and score with these, and records
   * what changed in the result and score histories.
   */
  saveEvaluation(evaluation: StoredEvaluation): Promise<void>;
  /** The entity's latest evaluation, or undefined if it was never evaluated. */
  getEvaluation(entityRef: string): Promise<StoredEvaluation | undefined>;
  /**
   * The latest evaluations of these entities, by entity ref, in a few
   * queries however many there are; entities never evaluated are not in the
   * map.
   */
  getEvaluations(entityRefs: string[]): Promise<Map<string, StoredEvaluation>>;
  getScoreHistory(
    entityRef: string,
    range: { from: Date; to: Date },
  ): Promise<ScorePoint[]>;
  getResultChanges(
    entityRef: string,
    range: { from: Date; to: Date },
  ): Promise<ResultChange[]>;
  /**
   * A page of the fleet and its figures. With a scorecard other than the
   * first, its scores and levels; with check ids, the failing checks
   * counted are only those.
   */
  getFleet(
    filter: FleetFilter,
    page: { cursor?: string; limit: number },
    scorecard?: FleetScorecard,
  ): Promise<FleetPage>;
  /**
   * When each of these entities was first evaluated; entities never
   * evaluated are not in the map.
   */
  getFirstEvaluatedAt(entityRefs: string[]): Promise<Map<string, Date>>;
  /**
   * Up to `limit` evaluations in entity ref order, after the entity ref
   * `after` (from the start without it), with only what re-scoring reads.
   */
  readScoredPage(
    after: string | undefined,
    limit: number,
  ): Promise<ScoredEvaluation[]>;
  /** Every entity ref the store holds results for. */
  listEntityRefs(): Promise<string[]>;
  /** Removes the evaluations, scores and histories of these entities. */
  deleteEntities(entityRefs: string[]): Promise<void>;
}
