import { SloStatus } from '@opsready/plugin-opsready-common';

/** A burn-rate alert that fires, as the backend reports it. */
export type BurnRateAlert = SloStatus['alerts'][number];
/** The objectives of an entity that has an SLO. */
export type SloObjectives = NonNullable<SloStatus['objectives']>;

/**
 * A share as a percentage with as many decimals as it needs to differ from
 * its neighbours: 0.999 is "99.9 %", 0.9995 "99.95 %", 0.33 "33 %".
 */
export function percent(share: number): string {
  const value = share * 100;
  const rounded = Number(value.toFixed(value % 1 === 0 ? 0 : 3));
  return `${rounded.toLocaleString('en-US', {
    maximumFractionDigits: 3,
  })} %`;
}

/** A burn rate as a multiple of the sustainable rate: "16.2×", "0.4×". */
export function burnRateLabel(rate: number): string {
  const digits = rate >= 100 ? 0 : 1;
  return `${Number(rate.toFixed(digits)).toLocaleString('en-US')}×`;
}

/** "99.9 % available over 28 days". */
export function availabilityObjective(
  availability: NonNullable<SloObjectives['availability']>,
): string {
  return `${percent(availability.target)} available over ${days(
    availability.windowDays,
  )}`;
}

/** "p95 under 200 ms over 28 days". */
export function latencyObjective(
  latency: NonNullable<SloObjectives['latency']>,
): string {
  return `p${latency.percentile} under ${latency.thresholdMs} ms over ${days(
    latency.windowDays,
  )}`;
}

function days(n: number): string {
  return n === 1 ? '1 day' : `${n} days`;
}

/** Where the objectives came from, for the card's subheader. */
export function declaredByLabel(declaredBy: SloObjectives['declaredBy']) {
  return declaredBy === 'annotation'
    ? "Declared in the entity's annotations"
    : 'Defaults for its tier: no objective is declared on the entity';
}

/** "Prometheus" or "Health probes", for the measurement's source. */
export function sourceLabel(source: 'prometheus' | 'probes'): string {
  return source === 'prometheus' ? 'Prometheus' : 'Health probes';
}

/**
 * The error budget in words: what is left, or by how much the objective
 * is missed once it is spent.
 */
export function budgetLabel(remaining: number): string {
  if (remaining > 0) return `${percent(remaining)} of the error budget left`;
  if (remaining === 0) return 'Error budget exhausted';
  return `Error budget exhausted: ${overspentLabel(remaining)}`;
}

/**
 * How far a spent budget is overspent, in whole percent from 10 % up:
 * "893 % over", not "892.545 % over".
 */
export function overspentLabel(remaining: number): string {
  const over = -remaining;
  return `${percent(over >= 0.1 ? Math.round(over * 100) / 100 : over)} over`;
}

/** Availability over the SLO window, from the share of bad events in it. */
export function availabilityNow(status: SloStatus): number | undefined {
  const ratio = status.sli?.errorRatios.slo;
  return ratio === undefined ? undefined : 1 - ratio;
}

/** Worst first: a page before a ticket, then the faster burn. */
export function byUrgency(a: BurnRateAlert, b: BurnRateAlert): number {
  return (
    severityRank(a) - severityRank(b) || b.burnRates.long - a.burnRates.long
  );
}

/** The alert to show when there is room for one. */
export function worstAlert(alerts: BurnRateAlert[]): BurnRateAlert | undefined {
  return [...alerts].sort(byUrgency)[0];
}

function severityRank(alert: BurnRateAlert): number {
  return alert.severity === 'page' ? 0 : 1;
}
