import { latencyVerdict, Measured } from './verdicts';

const measured: Measured = {
  version: '1.9.1',
  server: 'demo',
  window: { from: '2026-12-07T10:00:00Z', to: '2026-12-07T10:20:00Z' },
  requests: 600,
  minRequests: 20,
};

describe('latencyVerdict', () => {
  it.each([
    [
      95,
      'p95 latency 95 ms since 1.9.1 was deployed, as the 95 ms of the hour before, within +50 %',
    ],
    [
      76,
      'p95 latency 76 ms since 1.9.1 was deployed, 20 % below the 95 ms of the hour before, within +50 %',
    ],
    [
      950,
      'p95 latency 950 ms since 1.9.1 was deployed, 900 % above the 95 ms of the hour before, more than +50 %',
    ],
  ])('says how p95 %p ms compares with the hour before', (afterMs, message) => {
    expect(
      latencyVerdict(measured, {
        query: 'histogram_quantile(…)',
        beforeMs: 95,
        afterMs,
        threshold: 0.5,
      })?.message,
    ).toBe(message);
  });
});
