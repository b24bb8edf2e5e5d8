import { CheckDefinition } from '../types';
import { hours, isOutcome, measurementsOf, percent } from './measuredEndpoints';

/** @public */
export const uptimeCheck: CheckDefinition = {
  id: 'health.uptime',
  title: 'Uptime target met',
  description:
    'Every probed health endpoint answered its probes over the window at least as often as the uptime target.',
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
    const notProbed = measurements.endpoints
      .filter(e => e.uptime === undefined)
      .map(e => e.environment);
    const evidence = {
      target,
      windowHours: measurements.windowHours,
      endpoints: probed.map(({ environment, url, uptime }) => ({
        environment,
        url,
        uptime,
      })),
      notProbed,
    };
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
          .join(', ')}.`,
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
      }.`,
      evidence,
    };
  },
};
