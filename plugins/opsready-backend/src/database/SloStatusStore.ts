import {
  BurnRateAlert,
  ErrorBudget,
  SliMeasurement,
} from '@opsready/plugin-opsready-node';
import { SloStatus } from '@opsready/plugin-opsready-common';

/** The objectives as the API shows them. */
export type SloObjectives = NonNullable<SloStatus['objectives']>;

/** An entity's service level as last measured. */
export interface StoredSloStatus {
  /** Normalized entity ref. */
  entityRef: string;
  /** When the SLI was measured. ISO 8601. */
  measuredAt: string;
  source: SliMeasurement['source'];
  objectives: SloObjectives;
  sli: SliMeasurement;
  /** Absent without an availability objective or without traffic. */
  budget?: ErrorBudget;
  /** The burn-rate rules that fired. */
  alerts: BurnRateAlert[];
  /** Times the sustainable rate over the last hour; absent without traffic. */
  burnRate1h?: number;
  latencyMet?: boolean;
  /** What could not be read when it was measured. */
  problems: string[];
}

/** Each entity's last measured service level, one per entity. */
export interface SloStatusStore {
  /** Records the statuses, each replacing the entity's previous one. */
  saveStatuses(statuses: StoredSloStatus[]): Promise<void>;
  getStatus(entityRef: string): Promise<StoredSloStatus | undefined>;
  /**
   * Statuses whose burn rate over the last hour is above `minBurnRate`,
   * fastest first (by entity ref among equals), `offset` of them skipped;
   * only those of `entityRefs` where it is given.
   */
  listByBurnRate(options: {
    limit: number;
    offset?: number;
    minBurnRate?: number;
    entityRefs?: string[];
  }): Promise<StoredSloStatus[]>;
  /** Forgets the statuses of these entities (they have no SLO any more). */
  deleteStatuses(entityRefs: string[]): Promise<number>;
}
