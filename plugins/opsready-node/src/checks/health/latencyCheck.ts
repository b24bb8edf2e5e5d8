import { CheckDefinition, HealthEndpointFacts } from '../types';
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

/**
 * Why an endpoint probed over the window has no latency figures: none of
 * its probes got an answer, and a refused or failed probe says nothing of
 * how fast the service is.
 */
function noAnswer(
  { url, unanswered }: HealthEndpointFacts,
  window: string,
): string {
  const why = [
    [unanswered?.refused, "refused by the prober's policy"],
    [unanswered?.failedToConnect, 'failed to connect'],
    [unanswered?.timedOut, 'timed out'],
  ]
    .filter(([count]) => count)
    .map(([count, what]) => `${count} ${what}`);
  return `No probe of ${url} got an answer in the last ${window}${
    why.length > 0 ? `: ${why.join(', ')}` : ''
  }`;
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
    // Probed, but no probe answered: its latency is not known, and the
    // check cannot say that every endpoint is within the SLO.
    const unanswered = measurements.endpoints.filter(
      e => e.p95LatencyMs === undefined && (e.probes ?? 0) > 0,
    );
    const evidence = {
      sloMs: slo,
      windowHours: measurements.windowHours,
      endpoints: measured.map(({ environment, url, p95LatencyMs }) => ({
        environment,
        url,
        p95LatencyMs,
      })),
      ...(unanswered.length > 0
        ? {
            unanswered: unanswered.map(e => ({
              environment: e.environment,
              url: e.url,
              probes: e.probes,
              ...(e.unanswered ? { ...e.unanswered } : {}),
            })),
          }
        : {}),
    };
    const slow = measured.filter(e => e.p95LatencyMs! > slo);
    if (unanswered.length > 0 && slow.length === 0) {
      const others =
        measured.length > 0
          ? ` The others stayed within the ${slo} ms SLO (slowest ${milliseconds(
              Math.max(...measured.map(e => e.p95LatencyMs!)),
            )}).`
          : '';
      return {
        status: 'unknown',
        message: `${unanswered
          .map(e => noAnswer(e, window))
          .join('. ')}.${others}`,
        evidence,
      };
    }
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
