import { PrometheusMetricsConfig } from '../config/readPrometheusConfig';

/**
 * PromQL for the SLIs, written from an entity's `prometheus.io/selector`
 * annotation. The selector is spliced into the queries, so it is parsed
 * first and only label matchers get through.
 */

/** The annotation naming an entity's series: PromQL label matchers. */
export const PROMETHEUS_SELECTOR_ANNOTATION = 'prometheus.io/selector';
/** The annotation naming which configured Prometheus serves them. */
export const PROMETHEUS_SERVICE_NAME_ANNOTATION = 'prometheus.io/service-name';

// One matcher: a label name, an operator, a double-quoted string (escapes
// as in PromQL, no raw line breaks), then a comma or the end.
const MATCHER =
  /^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*"((?:[^"\\\n\r]|\\.)*)"\s*(,|$)/;

/** A selector, or the sentence saying why it was refused. */
export type ParsedSelector =
  | { ok: true; selector: string }
  | { ok: false; problem: string };

/**
 * Reads a selector such as `job="checkout",namespace="shop"` (braces
 * around it allowed) into its normal form, the matchers joined by commas.
 * Anything but label matchers is refused: functions, operators, a metric
 * name, a second pair of braces would change the queries it is put into.
 */
export function parseSelector(raw: string): ParsedSelector {
  let rest = raw.trim();
  if (rest.startsWith('{') && rest.endsWith('}')) {
    rest = rest.slice(1, -1);
  }
  const matchers: string[] = [];
  while (rest.trim() !== '') {
    const match = MATCHER.exec(rest);
    if (!match) {
      return {
        ok: false,
        problem: `The ${PROMETHEUS_SELECTOR_ANNOTATION} annotation must be label matchers such as job="checkout",namespace="shop" (operators =, !=, =~, !~, values in double quotes); it cannot be read from "${truncate(
          rest.trim(),
        )}"`,
      };
    }
    const [whole, label, operator, value, separator] = match;
    matchers.push(`${label}${operator}"${value}"`);
    rest = rest.slice(whole.length);
    if (separator === ',' && rest.trim() === '') {
      break;
    }
  }
  if (matchers.length === 0) {
    return {
      ok: false,
      problem: `The ${PROMETHEUS_SELECTOR_ANNOTATION} annotation is empty; it must name the entity's series with label matchers such as job="checkout"`,
    };
  }
  return { ok: true, selector: matchers.join(',') };
}

function truncate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

// A PromQL range: a whole number and one unit.
const RANGE = /^[1-9][0-9]*(ms|s|m|h|d|w|y)$/;

function checkRange(window: string): string {
  if (!RANGE.test(window)) {
    throw new Error(`Not a PromQL range: ${window}`);
  }
  return window;
}

/** The share of requests answered with an error code over the window. */
export function errorRatioQuery(
  metrics: PrometheusMetricsConfig,
  selector: string,
  window: string,
): string {
  const w = checkRange(window);
  return (
    `sum(rate(${metrics.requests}{${selector},code=~"${metrics.errorCode}"}[${w}]))` +
    ` / sum(rate(${metrics.requests}{${selector}}[${w}]))`
  );
}

/** The requests over the window. */
export function eventsQuery(
  metrics: PrometheusMetricsConfig,
  selector: string,
  window: string,
): string {
  return `sum(increase(${metrics.requests}{${selector}}[${checkRange(
    window,
  )}]))`;
}

/**
 * A percentile of request durations over the window, in the histogram's
 * unit (seconds): the caller turns it into ms.
 */
export function latencyQuantileQuery(
  metrics: PrometheusMetricsConfig,
  selector: string,
  window: string,
  percentile: number,
): string {
  return quantileOver(metrics, selector, `[${checkRange(window)}]`, percentile);
}

/** `histogram_quantile` of the duration histogram over a range vector. */
function quantileOver(
  metrics: PrometheusMetricsConfig,
  selector: string,
  rangeVector: string,
  percentile: number,
): string {
  if (!(percentile > 0 && percentile < 100)) {
    throw new Error(`Not a percentile: ${percentile}`);
  }
  const q = Number((percentile / 100).toFixed(6));
  return `histogram_quantile(${q}, sum by (le) (rate(${metrics.duration}_bucket{${selector}}${rangeVector})))`;
}

/**
 * The selector with one more matcher, `label="value"`, the value written
 * as a PromQL string: a deployment's environment, say, which comes from
 * outside and must not end the string.
 */
export function withLabel(
  selector: string,
  label: string,
  value: string,
): string {
  const escaped = value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r');
  return `${selector},${label}="${escaped}"`;
}

/** A span of time a query looks at: from one instant to another. */
export interface TimeRange {
  from: Date;
  to: Date;
}

/**
 * A range vector's range and the `@` modifier pinning it to the range's
 * end, e.g. `[1800s] @ 1795000000`: the query then says by itself which
 * span it measured, whenever it is evaluated.
 */
function rangeAt({ from, to }: TimeRange): string {
  const seconds = Math.max(
    1,
    Math.round((to.getTime() - from.getTime()) / 1000),
  );
  return `[${seconds}s] @ ${to.getTime() / 1000}`;
}

/**
 * The share of requests answered with an error code over the span. No
 * error series at all counts as no errors (`or vector(0)`); no requests at
 * all leaves the query without a value.
 */
export function errorRatioBetween(
  metrics: PrometheusMetricsConfig,
  selector: string,
  range: TimeRange,
): string {
  const r = rangeAt(range);
  return (
    `(sum(increase(${metrics.requests}{${selector},code=~"${metrics.errorCode}"}${r})) or vector(0))` +
    ` / sum(increase(${metrics.requests}{${selector}}${r}))`
  );
}

/** The requests over the span. */
export function requestsBetween(
  metrics: PrometheusMetricsConfig,
  selector: string,
  range: TimeRange,
): string {
  return `sum(increase(${metrics.requests}{${selector}}${rangeAt(range)}))`;
}

/** A percentile of request durations over the span, in seconds. */
export function latencyQuantileBetween(
  metrics: PrometheusMetricsConfig,
  selector: string,
  range: TimeRange,
  percentile: number,
): string {
  return quantileOver(metrics, selector, rangeAt(range), percentile);
}
