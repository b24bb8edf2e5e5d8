import {
  errorRatioBetween,
  errorRatioQuery,
  eventsQuery,
  latencyQuantileBetween,
  latencyQuantileQuery,
  parseSelector,
  requestsBetween,
  withLabel,
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

describe('queries over a span pinned with @', () => {
  const range = {
    from: new Date('2026-12-11T10:00:00Z'),
    to: new Date('2026-12-11T10:30:00.500Z'),
  };
  const end = range.to.getTime() / 1000;

  it('measures errors, requests and a percentile from the span start to its end', () => {
    expect(errorRatioBetween(metrics, 'job="cart"', range)).toBe(
      `(sum(increase(http_requests_total{job="cart",code=~"5.."}[1801s] @ ${end})) or vector(0))` +
        ` / sum(increase(http_requests_total{job="cart"}[1801s] @ ${end}))`,
    );
    expect(requestsBetween(metrics, 'job="cart"', range)).toBe(
      `sum(increase(http_requests_total{job="cart"}[1801s] @ ${end}))`,
    );
    expect(latencyQuantileBetween(metrics, 'job="cart"', range, 95)).toBe(
      `histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{job="cart"}[1801s] @ ${end})))`,
    );
  });

  it('looks at one second at least', () => {
    expect(
      requestsBetween(metrics, 'job="cart"', { from: range.to, to: range.to }),
    ).toContain('[1s] @');
  });

  it('adds a matcher whose value cannot end the string', () => {
    expect(withLabel('job="cart"', 'environment', 'production')).toBe(
      'job="cart",environment="production"',
    );
    const hostile = withLabel('job="cart"', 'env', 'x"} or vector(1) #\\');
    expect(hostile).toBe('job="cart",env="x\\"} or vector(1) #\\\\"');
    // What comes out is label matchers still.
    expect(parseSelector(hostile)).toEqual({ ok: true, selector: hostile });
  });
});
