import { CheckDefinition } from '../types';
import {
  hours,
  isOutcome,
  measurementsOf,
  notProbedYet,
} from './measuredEndpoints';

// Rounded up, so that 200.4 ms is never shown as the 200 ms it exceeds.
function milliseconds(value: number): string {
  return `${Math.ceil(value)} ms`;
}

/** @public */
export const latencyCheck: CheckDefinition = {
  id: 'health.latency',
  title: 'p95 latency within the SLO',
  description:
    "Every health endpoint's 95th percentile latency over the window stays within the latency SLO.",
  category: 'health',
  severity: 'medium',
  weight: 2,
  remediation: [
    'A slow health endpoint is usually a slow or overloaded service: look at its CPU throttling and its slowest dependencies. Keep the health endpoint itself cheap (no deep dependency checks on every probe).',
    'The SLO is set in app-config:',
    '```yaml',
    'opsready:',
    '  checks:',
    '    latencySloMs: 200',
    '```',
  ].join('\n'),
  appliesTo: { kinds: ['Component'] },
  evaluate(facts, { options }) {
    const measurements = measurementsOf(facts);
    if (isOutcome(measurements)) {
      return measurements;
    }
    const slo = options.latencySloMs;
    const window = hours(measurements.windowHours);
    const measured = measurements.endpoints.filter(
      e => e.p95LatencyMs !== undefined,
    );
    const evidence = {
      sloMs: slo,
      windowHours: measurements.windowHours,
      endpoints: measured.map(({ environment, url, p95LatencyMs }) => ({
        environment,
        url,
        p95LatencyMs,
      })),
    };
    if (measured.length === 0) {
      // Never probed: the first probe is still to come. Probed without a
      // latency (every probe failed): nothing to wait for, not known.
      return notProbedYet(measurements)
        ? {
            status: 'pending',
            message:
              'Waiting for the first probe: no declared health endpoint has been probed yet, so its latency is not known.',
            evidence,
          }
        : {
            status: 'unknown',
            message:
              'No latency has been measured yet on the declared health endpoints.',
            evidence,
          };
    }
    const slow = measured.filter(e => e.p95LatencyMs! > slo);
    if (slow.length > 0) {
      return {
        status: 'fail',
        message: `p95 latency over the last ${window} exceeded the ${slo} ms SLO: ${slow
          .map(e => `${e.environment} ${milliseconds(e.p95LatencyMs!)}`)
          .join(', ')}.`,
        evidence,
      };
    }
    const slowest = Math.max(...measured.map(e => e.p95LatencyMs!));
    return {
      status: 'pass',
      message: `p95 latency over the last ${window} stayed within the ${slo} ms SLO (slowest ${milliseconds(
        slowest,
      )}).`,
      evidence,
    };
  },
};
