import { CheckDefinition } from '../types';
import { hours, isOutcome, measurementsOf, percent } from './measuredEndpoints';

/** @public */
export const uptimeCheck: CheckDefinition = {
  id: 'health.uptime',
  title: 'Uptime target met',
  description:
    'Every probed health endpoint answered its probes over the window at least as often as the uptime target. Hours in a maintenance window of the entity or its system are left out.',
  category: 'health',
  severity: 'high',
  weight: 3,
  remediation: [
    "Look at the endpoint's transitions and at the service's logs around them. Frequent short outages often mean a failing readiness dependency, restarts (OOMKilled, failed liveness probes) or a single replica.",
    'The target is set in app-config:',
    '```yaml',
    'opsready:',
    '  checks:',
    '    uptimeTarget: 0.99',
    '```',
  ].join('\n'),
  appliesTo: { kinds: ['Component'] },
  evaluate(facts, { options }) {
    const measurements = measurementsOf(facts);
    if (isOutcome(measurements)) {
      return measurements;
    }
    const target = options.uptimeTarget;
    const window = hours(measurements.windowHours);
    const probed = measurements.endpoints.filter(e => e.uptime !== undefined);
    const inMaintenance = (e: { maintenanceProbes?: number }) =>
      (e.maintenanceProbes ?? 0) > 0;
    // Probed, but in maintenance the whole window: nothing to judge.
    const maintained = measurements.endpoints.filter(
      e => e.uptime === undefined && inMaintenance(e),
    );
    const notProbed = measurements.endpoints
      .filter(e => e.uptime === undefined && !inMaintenance(e))
      .map(e => e.environment);
    const leftOut = measurements.endpoints
      .filter(inMaintenance)
      .map(e => ({ environment: e.environment, probes: e.maintenanceProbes! }));
    const evidence = {
      target,
      windowHours: measurements.windowHours,
      endpoints: probed.map(({ environment, url, uptime }) => ({
        environment,
        url,
        uptime,
      })),
      notProbed,
      ...(leftOut.length > 0 ? { maintenance: leftOut } : {}),
    };
    const maintenanceNote =
      leftOut.length > 0
        ? `; left out for maintenance: ${leftOut
            .map(e => `${e.environment} (${e.probes} probes)`)
            .join(', ')}`
        : '';
    if (probed.length === 0 && maintained.length > 0) {
      return {
        status: 'not-applicable',
        message: `Every probed health endpoint was in maintenance throughout the last ${window}: there is no uptime to judge${maintenanceNote}.`,
        evidence,
      };
    }
    if (probed.length === 0) {
      // The prober works; it has not reached this service yet.
      return {
        status: 'pending',
        message:
          'Waiting for the first probe: no declared health endpoint has been probed yet, so its uptime is not known.',
        evidence,
      };
    }
    const below = probed.filter(e => e.uptime! < target);
    if (below.length > 0) {
      return {
        status: 'fail',
        message: `Uptime over the last ${window} was below the ${percent(
          target,
        )} target: ${below
          .map(e => `${e.environment} ${percent(e.uptime!)}`)
          .join(', ')}${maintenanceNote}.`,
        evidence,
      };
    }
    const lowest = Math.min(...probed.map(e => e.uptime!));
    return {
      status: 'pass',
      message: `Every probed health endpoint was up at least ${percent(
        target,
      )} of the last ${window} (lowest ${percent(lowest)})${
        notProbed.length > 0 ? `; not probed yet: ${notProbed.join(', ')}` : ''
      }${maintenanceNote}.`,
      evidence,
    };
  },
};
