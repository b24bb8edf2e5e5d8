import {
  errorRatioQuery,
  eventsQuery,
  latencyQuantileQuery,
  parseSelector,
} from './promql';

const metrics = {
  requests: 'http_requests_total',
  duration: 'http_request_duration_seconds',
  errorCode: '5..',
};

describe('parseSelector', () => {
  it.each([
    ['job="checkout",namespace="shop"', 'job="checkout",namespace="shop"'],
    [' { job = "checkout" , code!~"4.." } ', 'job="checkout",code!~"4.."'],
    ['job=~"check.*",env!="dev",', 'job=~"check.*",env!="dev"'],
    ['path="a\\"b"', 'path="a\\"b"'],
  ])('takes label matchers: %s', (raw, selector) => {
    expect(parseSelector(raw)).toEqual({ ok: true, selector });
  });

  it.each([
    'job="a"} or vector(1) or {x="y"',
    'up{job="a"}',
    'job=checkout',
    "job='checkout'",
    'job="a",,env="b"',
    'job="a" env="b"',
    'job="a\nb"',
    '9job="a"',
    'job=="a"',
  ])('refuses anything else, with a sentence: %j', raw => {
    const parsed = parseSelector(raw);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problem).toMatch(
      /^The prometheus\.io\/selector annotation must be label matchers/,
    );
  });

  it('refuses an empty selector', () => {
    expect(parseSelector(' {} ')).toEqual({
      ok: false,
      problem: expect.stringMatching(/annotation is empty/),
    });
  });
});

describe('the SLI queries', () => {
  it('writes the error ratio, the events and the latency percentile', () => {
    expect(errorRatioQuery(metrics, 'job="a"', '5m')).toBe(
      'sum(rate(http_requests_total{job="a",code=~"5.."}[5m])) / sum(rate(http_requests_total{job="a"}[5m]))',
    );
    expect(eventsQuery(metrics, 'job="a"', '28d')).toBe(
      'sum(increase(http_requests_total{job="a"}[28d]))',
    );
    expect(latencyQuantileQuery(metrics, 'job="a"', '28d', 95)).toBe(
      'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{job="a"}[28d])))',
    );
    expect(latencyQuantileQuery(metrics, 'job="a"', '1h', 99.9)).toContain(
      'histogram_quantile(0.999,',
    );
  });

  it('refuses a window or percentile that is not one', () => {
    expect(() => errorRatioQuery(metrics, 'job="a"', '5m]) or (x')).toThrow(
      'Not a PromQL range',
    );
    expect(() => latencyQuantileQuery(metrics, 'job="a"', '1h', 100)).toThrow(
      'Not a percentile: 100',
    );
  });
});
