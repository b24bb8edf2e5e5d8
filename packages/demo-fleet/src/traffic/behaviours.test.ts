import {
  drawAnswer,
  shareWithin,
  SLOW,
  STEADY,
  trafficShape,
} from './behaviours';

const MINUTE = 60_000;

describe('the demo traffic behaviours', () => {
  it('are steady before the deployment, whatever the behaviour', () => {
    for (const behaviour of [
      'steady',
      'slowAfterDeployment',
      'failingAfterDeployment',
    ] as const) {
      expect(trafficShape(behaviour, -MINUTE)).toEqual(STEADY);
      expect(trafficShape(behaviour, undefined)).toEqual(STEADY);
    }
    expect(trafficShape('steady', 10 * MINUTE)).toEqual(STEADY);
  });

  it('a slow service has its p95 up well over 50 % after the deployment', () => {
    const p95 = (shape: typeof STEADY) =>
      shape.minDelayMs + 0.95 * (shape.maxDelayMs - shape.minDelayMs);
    const after = trafficShape('slowAfterDeployment', MINUTE);
    expect(after).toEqual(SLOW);
    expect(p95(after)).toBeGreaterThan(1.5 * p95(STEADY));
    // Beyond the frontend's 300 ms objective, within the probes' timeout.
    expect(p95(after)).toBeGreaterThan(300);
    expect(after.maxDelayMs).toBeLessThan(5_000);
  });

  it('a failing service climbs past 5 % errors within two minutes and levels off above 20 %', () => {
    const ratio = (ms: number) =>
      trafficShape('failingAfterDeployment', ms).errorRatio;
    expect(ratio(0)).toBeLessThan(0.05);
    expect(ratio(2 * MINUTE)).toBeGreaterThan(0.05);
    expect(ratio(30 * MINUTE)).toBeGreaterThanOrEqual(0.2);
    expect(ratio(30 * MINUTE)).toBe(ratio(3 * 3600_000));
    expect(ratio(MINUTE)).toBeLessThan(ratio(2 * MINUTE));
  });

  it('says which share of requests a histogram bucket counts', () => {
    expect(shareWithin(STEADY, 0.01)).toBe(0);
    expect(shareWithin(STEADY, 0.05)).toBeCloseTo(0.5);
    expect(shareWithin(STEADY, 0.1)).toBe(1);
  });

  it('draws delays within the shape and fails as often as its ratio says', () => {
    const shape = { minDelayMs: 100, maxDelayMs: 200, errorRatio: 0.25 };
    expect(drawAnswer(shape, () => 0)).toEqual({ delayMs: 100, fails: true });
    expect(drawAnswer(shape, () => 0.5)).toEqual({
      delayMs: 150,
      fails: false,
    });
  });
});
