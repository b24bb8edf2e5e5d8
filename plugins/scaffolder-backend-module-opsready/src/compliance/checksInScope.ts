import {
  applyCheckConfig,
  builtInChecks,
  CheckDefinition,
  ScoringConfig,
} from '@opsready/plugin-opsready-node';

/**
 * Checks that judge what a running service did, not what its repository
 * says: uptime and latency need the health prober's measurements, drift
 * needs the cluster, the delivery checks need deployment and error
 * records, and the error budget needs requests or probes measured. A
 * template run evaluates them as the portal will right after registration
 * — pending while their source works but has nothing of the new service
 * yet, out of the score — so its promised score is the portal's. They never stop a run: what they answer depends on the
 * portal's sources, not on the repository.
 */
export const LIVE_DATA_CHECKS: ReadonlyArray<string> = [
  'health.uptime',
  'health.latency',
  'kubernetes.drift',
  'delivery.recent-deployment',
  'delivery.no-stale-critical-errors',
  'slo.budget-remaining',
];

/**
 * The checks a template run evaluates, as the backend runs them: the
 * built-in and the declarative checks, less those disabled in config, with
 * the configured weights and scopes (`opsready.checks.overrides`).
 */
export function checksInScope(
  settings: Pick<ScoringConfig, 'disabledChecks' | 'overrides'>,
  declarativeChecks: ReadonlyArray<CheckDefinition>,
): CheckDefinition[] {
  return applyCheckConfig([...builtInChecks, ...declarativeChecks], settings);
}
