import { builtInChecks, CheckDefinition } from '@opsready/plugin-opsready-node';

/**
 * Checks that judge what a running service did, not what its repository
 * says: uptime and latency need the health prober's measurements, drift
 * needs the cluster, and the delivery checks need deployment and error
 * records. A repository that has never run has none of these, and the
 * engine answers `unknown` for them (never a pass), which would hold every
 * new service below the top level. They are left out of a template run and
 * count from the service's first evaluation in the backend on.
 */
export const LIVE_DATA_CHECKS: ReadonlyArray<string> = [
  'health.uptime',
  'health.latency',
  'kubernetes.drift',
  'delivery.recent-deployment',
  'delivery.no-stale-critical-errors',
];

/**
 * The built-in checks a template run holds a new repository to: every
 * catalog, health-declaration, observability, Kubernetes-manifest and
 * repository check, less the live-data checks and those disabled in config.
 */
export function checksInScope(
  disabled: ReadonlyArray<string> = [],
): CheckDefinition[] {
  const out = new Set([...LIVE_DATA_CHECKS, ...disabled]);
  return builtInChecks.filter(check => !out.has(check.id));
}
