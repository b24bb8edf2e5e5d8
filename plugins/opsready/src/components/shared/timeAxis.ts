import { DateTime } from 'luxon';

/**
 * The props of a recharts XAxis over epoch milliseconds in `t`, ticked by
 * day ("Nov 24") unless another luxon format is given ("HH:mm" for hours).
 * Props rather than a component: recharts finds its axes among a chart's
 * children by type, so a wrapper would not be drawn.
 */
export function timeAxisProps(
  domain: [number | string, number | string],
  tickFormat = 'LLL d',
) {
  return {
    dataKey: 't',
    type: 'number' as const,
    scale: 'time' as const,
    domain,
    tickFormatter: (t: number) => DateTime.fromMillis(t).toFormat(tickFormat),
  };
}

/** A tooltip label for a point of such an axis, in the user's locale. */
export function timeLabel(format: Intl.DateTimeFormatOptions) {
  return (t: unknown) => DateTime.fromMillis(Number(t)).toLocaleString(format);
}
