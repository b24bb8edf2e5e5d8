import { SloSpec } from '../../slo/types';

/**
 * A share as people read a percentage: 0.999 is "99.9 %", 0.00025 is
 * "0.025 %". Three significant digits; binary noise (99.94999…) is rounded.
 */
export function percent(share: number): string {
  return `${Number((share * 100).toPrecision(3))} %`;
}

/** A target, with all the nines it was written with: 0.9995 is "99.95 %". */
export function targetPercent(target: number): string {
  return `${Number((target * 100).toPrecision(10))} %`;
}

function days(count: number): string {
  return count === 1 ? '1 day' : `${count} days`;
}

/** The objectives in one phrase, e.g. "99.9 % availability and p95 < 200 ms over 28 days". */
export function describeSpec(spec: SloSpec): string {
  const parts: string[] = [];
  const windows = new Set<number>();
  if (spec.availability) {
    parts.push(`${targetPercent(spec.availability.target)} availability`);
    windows.add(spec.availability.windowDays);
  }
  if (spec.latency) {
    parts.push(`p${spec.latency.percentile} < ${spec.latency.thresholdMs} ms`);
    windows.add(spec.latency.windowDays);
  }
  return `${parts.join(' and ')} over ${[...windows].map(days).join(' and ')}`;
}

/** Which rule of `opsready.slo.defaults` applied, in words. */
export function describeRule(rule: SloSpec['defaultsRule']): string {
  const what = [
    rule?.lifecycle !== undefined ? `lifecycle ${rule.lifecycle}` : undefined,
    rule?.tier !== undefined ? `tier ${rule.tier}` : undefined,
  ].filter(Boolean);
  return what.length > 0
    ? `the default for ${what.join(', ')}`
    : 'the default for every service';
}

/** The annotation examples the remediations show. */
export const SLO_ANNOTATION_EXAMPLE = [
  '```yaml',
  'metadata:',
  '  annotations:',
  '    opsready.io/slo: |',
  '      availability: 99.9%',
  '      latency: p95 < 200ms',
  '      window: 28d',
  '```',
  'or one value per annotation: `opsready.io/slo-availability: "99.9%"`, `opsready.io/slo-latency: "p95<200ms"`, `opsready.io/slo-window: "28d"`.',
].join('\n');
