/**
 * Which entities a fleet query covers.
 *
 * @public
 */
export interface FleetFilter {
  owner?: string;
  kind?: string;
  /** A level name, or `none` for entities below every level. */
  level?: string;
  /** The scorecard the fleet is seen through; the first when left out. */
  scorecard?: string;
}

/**
 * An entity's open errors of the severities that need someone now, one per
 * fingerprint (as the errors tab groups them).
 *
 * @public
 */
export interface OpenErrorCounts {
  critical: number;
  high: number;
}

/**
 * One row of the fleet view.
 *
 * @public
 */
export interface FleetEntity {
  entityRef: string;
  /** The catalog's title of the entity, or its name. */
  title?: string;
  kind: string | null;
  owner: string | null;
  score: number | null;
  level: string | null;
  /** ISO 8601. */
  evaluatedAt: string;
  openErrors: OpenErrorCounts;
}

/**
 * A page of the fleet and the figures over the whole filter.
 *
 * @public
 */
export interface FleetOverview {
  items: FleetEntity[];
  /** Pass back as `cursor` for the next page; absent on the last one. */
  nextCursor?: string;
  totalEntities: number;
  /** Entity counts per level; `none` counts entities below every level. */
  levelCounts: Record<string, number>;
  owners: Array<{ owner: string; averageScore: number; entities: number }>;
  /** The checks that fail on most entities. */
  topFailingChecks: Array<{ checkId: string; failing: number }>;
}
