/**
 * The outcome of one check for one entity.
 *
 * - `pass`, `warn`, `fail`: the check ran on the facts it needs.
 * - `error`: the check itself threw; it counts as not passed.
 * - `not-applicable`: the check does not apply to this entity.
 * - `unknown`: a fact source the check needs was not available (not
 *   configured, or broken). It is never a silent pass: it counts as not
 *   passed in the score.
 * - `pending`: the fact source is configured and working, but has no data
 *   for this entity yet (a new service never probed, never deployed, with no
 *   workload running yet). It stays out of the score — neither earned nor
 *   possible — until its first data arrives, for a bounded time after the
 *   entity was first evaluated (`opsready.checks.pendingFor`); after that
 *   it counts as `unknown` again (see `settlePending`).
 *
 * @public
 */
export type CheckStatus =
  | 'pass'
  | 'warn'
  | 'fail'
  | 'error'
  | 'not-applicable'
  | 'unknown'
  | 'pending';

/** @public */
export const CHECK_STATUSES: readonly CheckStatus[] = [
  'pass',
  'warn',
  'fail',
  'error',
  'not-applicable',
  'unknown',
  'pending',
];

/** @public */
export type CheckSeverity = 'critical' | 'high' | 'medium' | 'low';

/** @public */
export type CheckCategory =
  | 'catalog'
  | 'health'
  | 'observability'
  | 'kubernetes'
  | 'repository'
  | 'delivery';

/**
 * How a check is presented: everything about it except the code that runs.
 *
 * @public
 */
export interface CheckDescription {
  id: string;
  title: string;
  description: string;
  category: CheckCategory;
  severity: CheckSeverity;
  /** Relative weight in the score; 0 means "shown but not scored". */
  weight: number;
  /** How to fix a failing result, in Markdown. */
  remediation: string;
}

/**
 * The result of one check for one entity.
 *
 * @public
 */
export interface CheckResult {
  checkId: string;
  status: CheckStatus;
  /** One sentence a service owner can act on. */
  message: string;
  /** The facts the verdict rests on, e.g. `{ owner: 'group:default/team-a' }`. */
  evidence?: Record<string, unknown>;
  /**
   * For a `pending` result: when it stops being pending and counts as
   * `unknown` unless data has arrived by then (ISO 8601).
   */
  pendingUntil?: string;
}

/**
 * Where an exemption stands: asked for by someone who may not grant it,
 * granted (in force until it expires or is revoked), or declined.
 *
 * @public
 */
export type ExemptionStatus = 'requested' | 'granted' | 'declined';

/**
 * An exemption from one check for one entity: once granted, the check drops
 * out of the score and shows as exempt until the exemption expires or is
 * revoked. `createdBy` is who asked for it (or granted it outright).
 *
 * @public
 */
export interface Exemption {
  id: string;
  entityRef: string;
  checkId: string;
  reason: string;
  expiresAt: string;
  status: ExemptionStatus;
  createdBy: string;
  createdAt: string;
  /** Who granted or declined it, when, and what they said. */
  decidedBy?: string;
  decidedAt?: string;
  decisionNote?: string;
  revokedAt?: string;
  revokedBy?: string;
}

/**
 * One check as shown for an entity: its description, its latest result,
 * the exemption in force, if any, and a request for one that waits.
 *
 * @public
 */
export type EntityCheck = CheckDescription & {
  result: CheckResult;
  exemption?: Pick<Exemption, 'id' | 'reason' | 'expiresAt' | 'createdBy'>;
  /** A request for an exemption that waits for someone to decide it. */
  exemptionRequest?: Pick<
    Exemption,
    'id' | 'reason' | 'expiresAt' | 'createdBy' | 'createdAt'
  >;
};

/**
 * The latest evaluation of an entity, as served by
 * `GET /api/opsready/entities/{kind}/{namespace}/{name}/checks`.
 *
 * @public
 */
export interface EntityEvaluation {
  entityRef: string;
  /** 0-100, or null when no scored check applies to the entity. */
  score: number | null;
  /** The level reached, or null below the lowest level or without a score. */
  level: string | null;
  /** What the next level needs, or null at the top. */
  nextLevel: {
    name: string;
    minScore: number;
    pointsNeeded: number;
    blockingChecks: string[];
  } | null;
  evaluatedAt: string;
  checks: EntityCheck[];
  /**
   * The entity on each scorecard whose scope covers it; `score`, `level`
   * and `nextLevel` above are the first one's.
   */
  scorecards: EntityScorecard[];
}

/**
 * A scorecard as the API describes it: the checks in force it scores with
 * its weights, its levels and its scope.
 *
 * @public
 */
export interface ScorecardDescription {
  /** e.g. `security`. */
  id: string;
  /** e.g. `Security`. */
  title: string;
  /** What the scorecard asks, in a sentence or two. */
  description?: string;
  /** Its levels (a `LevelDefinition` each). */
  levels: Array<{
    name: string;
    minScore: number;
    noFailingCritical?: boolean;
  }>;
  /** The checks it scores, with the weights it gives them. */
  checks: Array<{ id: string; weight: number }>;
  /** The entities it scores; every entity when left out. */
  appliesTo?: {
    kinds?: string[];
    types?: string[];
    lifecycles?: string[];
    tags?: string[];
  };
}

/**
 * An entity's score, level and next level on one scorecard.
 *
 * @public
 */
export interface EntityScorecard
  extends Omit<ScorecardDescription, 'appliesTo'> {
  /** 0-100, or null when none of its checks applies. */
  score: number | null;
  /** The level reached on this scorecard, or null. */
  level: string | null;
  /** What its next level needs, or null at the top. */
  nextLevel: EntityEvaluation['nextLevel'];
}
