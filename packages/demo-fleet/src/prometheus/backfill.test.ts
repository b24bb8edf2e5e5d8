import { backfillText, HISTOGRAM_BUCKETS } from './backfill';

const MINUTE = 60_000;
const START = Date.parse('2026-11-22T12:00:00Z');

/** The samples of the series whose text starts with `prefix`. */
function samples(text: string, prefix: string) {
  return text
    .split('\n')
    .filter(line => line.startsWith(prefix))
    .map(line => {
      const [value, at] = line.slice(line.lastIndexOf('}') + 2).split(' ');
      return { value: Number(value), at: Number(at) * 1000 };
    });
}

describe('the demo backfill', () => {
  const text = backfillText(
    [
      {
        target: { service: 'cartservice', port: 7113 },
        traffic: 'failingAfterDeployment',
        deployedAt: START - 10 * MINUTE,
      },
      { target: { service: 'checkoutservice', port: 7111 }, traffic: 'steady' },
    ],
    { from: START - 60 * MINUTE, to: START, stepMs: 15_000, ratePerSecond: 2 },
  );
  const cart = (code: string) =>
    `http_requests_total{job="demo-services",instance="127.0.0.1:7113",service="cartservice",environment="production",method="GET",route="/",code="${code}"}`;

  it('writes the series as the live scrapes label them, one sample per step, ending in # EOF', () => {
    const ok = samples(text, cart('200'));
    expect(ok).toHaveLength(241);
    expect(ok[0].at).toBe(START - 60 * MINUTE);
    expect(ok[240].at).toBe(START);
    expect(text.endsWith('# EOF\n')).toBe(true);
  });

  it('has counters that only grow, at the traffic rate', () => {
    const ok = samples(text, cart('200'));
    for (let i = 1; i < ok.length; i++) {
      expect(ok[i].value).toBeGreaterThanOrEqual(ok[i - 1].value);
    }
    const checkout = samples(
      text,
      'http_requests_total{job="demo-services",instance="127.0.0.1:7111"',
    );
    // 2 requests a second, 15 s a step: 30 a step.
    expect(checkout[10].value - checkout[9].value).toBeCloseTo(30);
  });

  it('has no errors before the deployment and a climbing share after it', () => {
    const ok = samples(text, cart('200'));
    const failed = samples(text, cart('500'));
    const ratioAt = (i: number) => {
      const f = failed[i].value - failed[i - 1].value;
      return f / (f + ok[i].value - ok[i - 1].value);
    };
    // Step 200 is the deployment, 10 minutes before the end.
    expect(ratioAt(199)).toBe(0);
    expect(ratioAt(200)).toBeGreaterThan(0);
    expect(ratioAt(215)).toBeGreaterThan(0.05);
    expect(ratioAt(240)).toBeGreaterThan(ratioAt(215));
    // A steady service has no error series at all.
    expect(text).not.toMatch(/instance="127\.0\.0\.1:7111"[^\n]*code="500"/);
  });

  it('has histogram buckets in the form the live metrics use, cumulative up to the count', () => {
    const last = (le: string) =>
      samples(
        text,
        `http_request_duration_seconds_bucket{job="demo-services",instance="127.0.0.1:7111",service="checkoutservice",environment="production",method="GET",route="/",code="200",le="${le}"}`,
      ).pop()!.value;
    const bounds = [...HISTOGRAM_BUCKETS.map(String), '+Inf'];
    const values = bounds.map(last);
    for (let i = 1; i < values.length; i++) {
      expect(values[i]).toBeGreaterThanOrEqual(values[i - 1]);
    }
    expect(last('0.01')).toBe(0);
    expect(last('0.1')).toBe(last('+Inf'));
  });

  it('refuses an empty range', () => {
    expect(() =>
      backfillText([], {
        from: START,
        to: START,
        stepMs: 1000,
        ratePerSecond: 1,
      }),
    ).toThrow(/from before to/);
  });
});
