import {
  CheckResult,
  Exemption,
  FleetEntity,
  FleetFilter,
  FleetOverview,
} from '@opsready/plugin-opsready-common';

/** One evaluation of one entity, as stored. */
export interface StoredEvaluation {
  entityRef: string;
  kind: string;
  owner: string | null;
  score: number | null;
  level: string | null;
  evaluatedAt: Date;
  results: CheckResult[];
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

export interface NewExemption {
  entityRef: string;
  checkId: string;
  reason: string;
  expiresAt: Date;
  createdBy: string;
  /** Granted outright by someone allowed to, or asked for. */
  status: 'granted' | 'requested';
}

/** What someone allowed to manage exemptions decided about a request. */
export interface ExemptionDecision {
  status: 'granted' | 'declined';
  by: string;
  note?: string;
  at: Date;
}

/** Where OpsReady keeps what it found. */
export interface OpsReadyStore {
  /**
   * Replaces the entity's latest results and score with these, and records
   * what changed in the result and score histories.
   */
  saveEvaluation(evaluation: StoredEvaluation): Promise<void>;
  /** The entity's latest evaluation, or undefined if it was never evaluated. */
  getEvaluation(entityRef: string): Promise<StoredEvaluation | undefined>;
  getScoreHistory(
    entityRef: string,
    range: { from: Date; to: Date },
  ): Promise<ScorePoint[]>;
  getResultChanges(
    entityRef: string,
    range: { from: Date; to: Date },
  ): Promise<ResultChange[]>;
  getFleet(
    filter: FleetFilter,
    page: { cursor?: string; limit: number },
  ): Promise<FleetPage>;
  /** Every entity ref the store holds results for. */
  listEntityRefs(): Promise<string[]>;
  /** Removes everything known of these entities. */
  deleteEntities(entityRefs: string[]): Promise<void>;

  createExemption(exemption: NewExemption): Promise<Exemption>;
  getExemption(id: string): Promise<Exemption | undefined>;
  /** Every exemption of the entity, newest first, active or not. */
  listExemptions(entityRef: string): Promise<Exemption[]>;
  /** Exemptions in force at `now`: granted, not revoked, not expired. */
  activeExemptions(entityRef: string, now: Date): Promise<Exemption[]>;
  /** Requests that wait for a decision and have not expired, newest first. */
  pendingExemptionRequests(entityRef: string, now: Date): Promise<Exemption[]>;
  /**
   * Decides a request that still waits; returns the exemption as decided,
   * or undefined when it was not waiting (decided already, or revoked).
   */
  decideExemption(
    id: string,
    decision: ExemptionDecision,
  ): Promise<Exemption | undefined>;
  revokeExemption(id: string, revokedBy: string, at: Date): Promise<void>;
}
