import { Duration } from 'luxon';

/**
 * A duration as people read it: "45 s", "3 min 20 s", "2 h 5 min",
 * "3 d 4 h". Two units at most; the rest is noise on a deployment table.
 */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms) || ms < 0) {
    return '—';
  }
  if (ms < 1000) {
    return `${Math.round(ms)} ms`;
  }
  const parts = Duration.fromMillis(ms)
    .shiftTo('days', 'hours', 'minutes', 'seconds')
    .toObject();
  const units: Array<[number | undefined, string]> = [
    [parts.days, 'd'],
    [parts.hours, 'h'],
    [parts.minutes, 'min'],
    [Math.floor(parts.seconds ?? 0), 's'],
  ];
  const first = units.findIndex(([value]) => (value ?? 0) > 0);
  return units
    .slice(first, first + 2)
    .filter(([value]) => (value ?? 0) > 0)
    .map(([value, unit]) => `${value} ${unit}`)
    .join(' ');
}
