import { Config } from '@backstage/config';
import {
  DEFAULT_WINDOW_DAYS,
  MAX_PERCENTILE,
  MAX_WINDOW_DAYS,
  MIN_PERCENTILE,
  MIN_WINDOW_DAYS,
} from './objectiveValues';
import { SloDefaultsRule } from './types';

const KEY = 'opsready.slo.defaults';

const RULE_KEYS = [
  'lifecycle',
  'tier',
  'availability',
  'latencyP95Ms',
  'latency',
  'windowDays',
];

/**
 * The objectives of entities that declare none, from `opsready.slo.defaults`:
 * a list of rules, the first whose `lifecycle` and `tier` (both optional,
 * compared ignoring case; `tier` is the entity's `opsready.io/tier`
 * annotation or label) match the entity applies.
 *
 * ```yaml
 * opsready:
 *   slo:
 *     defaults:
 *       - lifecycle: production
 *         tier: '1'
 *         availability: 99.95   # percent, between 0 and 100 exclusive
 *         latencyP95Ms: 200     # p95 < 200 ms
 *         windowDays: 28        # 1 to 90, 28 when left out
 *       - lifecycle: production
 *         availability: 99.5
 *         latency: { percentile: 99, thresholdMs: 500 }  # instead of latencyP95Ms
 * ```
 *
 * Each rule gives `availability`, a latency objective or both. Mistakes
 * throw, naming the key and what is wrong, rather than judging services
 * against objectives nobody set. No `opsready.slo.defaults` gives no rules.
 *
 * @public
 */
export function readSloDefaults(config: Config): SloDefaultsRule[] {
  const rules = config.getOptionalConfigArray(KEY) ?? [];
  return rules.map((rule, index) => readRule(rule, `${KEY}[${index}]`));
}

function readRule(rule: Config, at: string): SloDefaultsRule {
  const unknownKeys = rule.keys().filter(key => !RULE_KEYS.includes(key));
  if (unknownKeys.length > 0) {
    throw new Error(
      `${at} has unknown keys ${unknownKeys.join(
        ', ',
      )}; a rule takes ${RULE_KEYS.join(', ')}`,
    );
  }
  const windowDays =
    rule.getOptionalNumber('windowDays') ?? DEFAULT_WINDOW_DAYS;
  if (
    !Number.isInteger(windowDays) ||
    windowDays < MIN_WINDOW_DAYS ||
    windowDays > MAX_WINDOW_DAYS
  ) {
    throw new Error(
      `${at}.windowDays must be a whole number of days from ${MIN_WINDOW_DAYS} to ${MAX_WINDOW_DAYS}, got ${windowDays}`,
    );
  }
  const percent = rule.getOptionalNumber('availability');
  if (percent !== undefined && !(percent > 0 && percent < 100)) {
    throw new Error(
      `${at}.availability is a percentage between 0 and 100 exclusive (e.g. 99.9), got ${percent}`,
    );
  }
  const latency = readLatency(rule, at);
  if (percent === undefined && !latency) {
    throw new Error(
      `${at} sets no objective; give availability (e.g. 99.9), latencyP95Ms or latency`,
    );
  }
  const lifecycle = rule.getOptionalString('lifecycle');
  const tier = rule.getOptionalString('tier');
  return {
    ...(lifecycle !== undefined ? { lifecycle } : {}),
    ...(tier !== undefined ? { tier } : {}),
    ...(percent !== undefined
      ? {
          // Rounded as people write it: 99.9 / 100 is 0.9990000000000001.
          availability: {
            target: Number((percent / 100).toPrecision(12)),
            windowDays,
          },
        }
      : {}),
    ...(latency ? { latency: { ...latency, windowDays } } : {}),
  };
}

function readLatency(
  rule: Config,
  at: string,
): { percentile: number; thresholdMs: number } | undefined {
  const p95 = rule.getOptionalNumber('latencyP95Ms');
  const latency = rule.getOptionalConfig('latency');
  if (p95 !== undefined && latency) {
    throw new Error(
      `${at} gives both latencyP95Ms and latency; keep one of them`,
    );
  }
  const bound = latency
    ? {
        percentile: latency.getNumber('percentile'),
        thresholdMs: latency.getNumber('thresholdMs'),
      }
    : p95 !== undefined && { percentile: 95, thresholdMs: p95 };
  if (!bound) {
    return undefined;
  }
  const key = latency ? `${at}.latency` : `${at}.latencyP95Ms`;
  if (bound.percentile < MIN_PERCENTILE || bound.percentile > MAX_PERCENTILE) {
    throw new Error(
      `${key}.percentile must be from ${MIN_PERCENTILE} to ${MAX_PERCENTILE}, got ${bound.percentile}`,
    );
  }
  if (!(bound.thresholdMs > 0)) {
    throw new Error(
      `${
        latency ? `${key}.thresholdMs` : key
      } must be a number of milliseconds above 0, got ${bound.thresholdMs}`,
    );
  }
  return bound;
}
