/**
 * Service level objectives: what an entity promises, what it measured, and
 * the multi-window, multi-burn-rate rules of the Google SRE workbook.
 */

/**
 * An availability objective: the share of good requests (not 5xx) over a
 * rolling window, e.g. 0.999 over 28 days.
 *
 * @public
 */
export interface AvailabilityObjective {
  /** Between 0 and 1, exclusive: 0.999 for "99.9 %". */
  target: number;
  windowDays: number;
}

/**
 * A latency objective: a percentile of request durations over a rolling
 * window stays under a threshold, e.g. `p95 < 200 ms` over 28 days.
 *
 * @public
 */
export interface LatencyObjective {
  /** 50 to 99.9: 95 for p95. */
  percentile: number;
  thresholdMs: number;
  windowDays: number;
}

/**
 * An entity's objectives, and whether it declared them (annotations) or
 * was given them by `opsready.slo.defaults` for its lifecycle or tier.
 *
 * @public
 */
export interface SloSpec {
  availability?: AvailabilityObjective;
  latency?: LatencyObjective;
  declaredBy: 'annotation' | 'defaults';
  /**
   * With `declaredBy: 'defaults'`: the lifecycle and tier of the rule that
   * applied (neither for a rule that matches every entity), so that a
   * check can say where the objectives came from.
   */
  defaultsRule?: Pick<SloDefaultsRule, 'lifecycle' | 'tier'>;
}

/**
 * One rule of `opsready.slo.defaults`: the objectives of entities of a
 * lifecycle and/or tier (`opsready.io/tier`). The first rule that matches
 * applies; a rule with neither matches every entity.
 *
 * @public
 */
export interface SloDefaultsRule {
  lifecycle?: string;
  tier?: string;
  availability?: AvailabilityObjective;
  latency?: LatencyObjective;
}

/**
 * The rolling windows an SLI is measured over for the burn-rate rules, by
 * name as PromQL writes them, with their length in seconds.
 *
 * @public
 */
export const SLI_WINDOWS = {
  '5m': 5 * 60,
  '30m': 30 * 60,
  '1h': 60 * 60,
  '6h': 6 * 60 * 60,
  '3d': 3 * 24 * 60 * 60,
} as const;

/** @public */
export type SliWindow = keyof typeof SLI_WINDOWS;

/**
 * A multi-window burn-rate rule: it fires when the error budget burns at
 * least `factor` times the sustainable rate over both the long and the short
 * window (the short one makes it stop soon after the burning stops).
 *
 * @public
 */
export interface BurnRateRule {
  severity: 'page' | 'ticket';
  factor: number;
  longWindow: SliWindow;
  shortWindow: SliWindow;
}

/**
 * The Google SRE workbook's rules for a 30-day budget: a page at 14.4× over
 * 1 h and 5 min (2 % of the budget in an hour), a page at 6× over 6 h and
 * 30 min (5 % in six hours), a ticket at 1× over 3 days and 6 h.
 *
 * @public
 */
export const BURN_RATE_RULES: ReadonlyArray<BurnRateRule> = [
  { severity: 'page', factor: 14.4, longWindow: '1h', shortWindow: '5m' },
  { severity: 'page', factor: 6, longWindow: '6h', shortWindow: '30m' },
  { severity: 'ticket', factor: 1, longWindow: '3d', shortWindow: '6h' },
];

/**
 * What was measured of an entity's service level, and where.
 *
 * @public
 */
export interface SliMeasurement {
  /** Prometheus, where the entity names its series; else OpsReady's probes. */
  source: 'prometheus' | 'probes';
  /** What was asked: the PromQL queries, or the probed endpoints. */
  queries: string[];
  /**
   * The share of bad events (5xx responses, or failed probes) over the SLO
   * window (`slo`) and over each burn-rate window; a window with no events
   * is absent.
   */
  errorRatios: Partial<Record<SliWindow | 'slo', number>>;
  /** Events over the SLO window; 0 means no traffic, and no verdict. */
  events?: number;
  /** The latency objective's percentile over the SLO window, in ms. */
  latencyMs?: number;
  /** When it was measured. */
  measuredAt: string;
}

/**
 * Service level facts: the objectives and what was measured. `problems`
 * names what could not be read (an annotation that does not parse, a
 * Prometheus that did not answer); `sli` is absent when nothing could be
 * measured, and the SLO checks then answer `unknown`, never pass.
 *
 * @public
 */
export interface SloFacts {
  spec?: SloSpec;
  sli?: SliMeasurement;
  problems?: string[];
}
