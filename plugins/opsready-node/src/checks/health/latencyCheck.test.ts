import { latencyCheck } from './latencyCheck';
import {
  evaluate,
  health,
  measured,
  onTwoEndpoints,
  PRODUCTION_URL,
  STAGING_URL,
  twoEndpoints,
} from './testFacts';

describe('health.latency', () => {
  it('passes when every endpoint is within the default 200 ms SLO, the boundary included', () => {
    expect(
      onTwoEndpoints(
        latencyCheck,
        measured('default', { uptime: 1, p95LatencyMs: 200 }),
        measured('staging', { uptime: 1, p95LatencyMs: 40 }),
      ),
    ).toMatchObject({
      status: 'pass',
      message:
        'p95 latency over the last 24 hours stayed within the 200 ms SLO (slowest 200 ms).',
      evidence: {
        sloMs: 200,
        endpoints: [
          { environment: 'default', url: PRODUCTION_URL, p95LatencyMs: 200 },
          expect.objectContaining({ environment: 'staging', p95LatencyMs: 40 }),
        ],
      },
    });
  });

  it('fails an endpoint over the SLO, naming it and its latency', () => {
    expect(
      onTwoEndpoints(
        latencyCheck,
        measured('default', { p95LatencyMs: 200.4 }),
        measured('staging', { p95LatencyMs: 120 }),
      ),
    ).toMatchObject({
      status: 'fail',
      message:
        'p95 latency over the last 24 hours exceeded the 200 ms SLO: default 201 ms.',
    });
  });

  it('reads the SLO from the options', () => {
    const facts = health(measured('default', { p95LatencyMs: 120 }));
    expect(
      evaluate(latencyCheck, twoEndpoints, facts, { latencySloMs: 100 }),
    ).toMatchObject({
      status: 'fail',
      message:
        'p95 latency over the last 24 hours exceeded the 100 ms SLO: default 120 ms.',
      evidence: { sloMs: 100 },
    });
    expect(
      evaluate(latencyCheck, twoEndpoints, facts, { latencySloMs: 500 }).status,
    ).toBe('pass');
  });

  it('is pending while the prober works but has not probed the service yet', () => {
    expect(onTwoEndpoints(latencyCheck)).toMatchObject({
      status: 'pending',
      message:
        'Waiting for the first probe: no declared health endpoint has been probed yet, so its latency is not known.',
    });
    expect(
      onTwoEndpoints(latencyCheck, measured('default', { status: 'unknown' })),
    ).toMatchObject({ status: 'pending' });
  });

  it('is unknown when probes came back without a latency', () => {
    expect(
      onTwoEndpoints(latencyCheck, measured('default', { uptime: 0 })),
    ).toMatchObject({
      status: 'unknown',
      message:
        'No latency has been measured yet on the declared health endpoints.',
    });
  });

  it('is unknown, saying why, when no probe of an endpoint got an answer', () => {
    expect(
      onTwoEndpoints(
        latencyCheck,
        measured('default', {
          uptime: 0,
          probes: 15,
          unanswered: { refused: 12, failedToConnect: 3, timedOut: 0 },
        }),
      ),
    ).toMatchObject({
      status: 'unknown',
      message: `No probe of ${PRODUCTION_URL} got an answer in the last 24 hours: 12 refused by the prober's policy, 3 failed to connect.`,
      evidence: {
        endpoints: [],
        unanswered: [
          {
            environment: 'default',
            url: PRODUCTION_URL,
            probes: 15,
            refused: 12,
            failedToConnect: 3,
            timedOut: 0,
          },
        ],
      },
    });
  });

  it('does not pass while an endpoint without an answer hides behind a fast one', () => {
    expect(
      onTwoEndpoints(
        latencyCheck,
        measured('default', { uptime: 1, probes: 1440, p95LatencyMs: 25 }),
        measured('staging', {
          uptime: 0,
          probes: 1440,
          unanswered: { refused: 0, failedToConnect: 1400, timedOut: 40 },
        }),
      ),
    ).toMatchObject({
      status: 'unknown',
      message: `No probe of ${STAGING_URL} got an answer in the last 24 hours: 1400 failed to connect, 40 timed out. The others stayed within the 200 ms SLO (slowest 25 ms).`,
    });
  });

  it('still fails an endpoint over the SLO beside one without an answer', () => {
    expect(
      onTwoEndpoints(
        latencyCheck,
        measured('default', { probes: 60, p95LatencyMs: 750 }),
        measured('staging', {
          probes: 60,
          unanswered: { refused: 60, failedToConnect: 0, timedOut: 0 },
        }),
      ).status,
    ).toBe('fail');
  });

  it('judges the answered probes of an endpoint whose other probes went unanswered', () => {
    expect(
      onTwoEndpoints(
        latencyCheck,
        measured('default', {
          probes: 60,
          p95LatencyMs: 100,
          unanswered: { refused: 0, failedToConnect: 2, timedOut: 1 },
        }),
      ).status,
    ).toBe('pass');
  });
});
