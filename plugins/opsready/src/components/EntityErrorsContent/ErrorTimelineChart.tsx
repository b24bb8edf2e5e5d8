import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import {
  Deployment,
  ERROR_SEVERITIES,
  ErrorSeriesPoint,
  ErrorSeverity,
} from '@opsready/plugin-opsready-common';
import { DateTime } from 'luxon';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { timeAxisProps, timeLabel } from '../shared';

type Bucket = { t: number } & Record<ErrorSeverity, number>;

/** A span the entity (or its system) was in maintenance. */
export interface MaintenanceSpan {
  start: string;
  end: string;
  reason: string;
  environment?: string;
}

/**
 * Errors per day by severity, stacked, with each deployment drawn as a
 * dashed line on the same axis: "did it start after that release?" is the
 * question this chart answers. Maintenance is shaded and labelled, so that
 * errors during a planned outage read as such. Severities differ by pattern
 * of the stack order and the legend names them, not by colour alone.
 */
export function ErrorTimelineChart(props: {
  /** Events per hour, as the backend counts them. */
  series: ErrorSeriesPoint[];
  deployments: Deployment[];
  /** Maintenance in the range, shaded. */
  maintenance?: MaintenanceSpan[];
  from: DateTime;
  to: DateTime;
}) {
  const { series, deployments, maintenance = [], from, to } = props;
  const theme = useTheme();
  const colours: Record<ErrorSeverity, string> = {
    critical: theme.palette.error.dark,
    high: theme.palette.error.main,
    medium: theme.palette.warning.main,
    low: theme.palette.info.main,
  };
  const buckets = bucketByDay(series, from, to);
  const total = buckets.reduce(
    (sum, bucket) =>
      sum + ERROR_SEVERITIES.reduce((n, severity) => n + bucket[severity], 0),
    0,
  );
  return (
    <figure style={{ margin: 0 }}>
      <ResponsiveContainer width="100%" height={220}>
        <BarChart
          data={buckets}
          margin={{ top: 8, right: 16, left: 0, bottom: 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis {...timeAxisProps([from.toMillis(), to.toMillis()])} />
          <YAxis allowDecimals={false} width={32} />
          <Tooltip labelFormatter={timeLabel(DateTime.DATE_MED)} />
          <Legend />
          {ERROR_SEVERITIES.map(severity => (
            <Bar
              key={severity}
              dataKey={severity}
              stackId="errors"
              fill={colours[severity]}
              isAnimationActive={false}
            />
          ))}
          {maintenance.map(m => (
            <ReferenceArea
              key={`${m.start}-${m.end}-${m.reason}`}
              x1={Math.max(Date.parse(m.start), from.toMillis())}
              x2={Math.min(Date.parse(m.end), to.toMillis())}
              fill={theme.palette.text.disabled}
              fillOpacity={0.2}
              ifOverflow="hidden"
              label={{ value: 'Maintenance', position: 'insideTop' }}
            />
          ))}
          {deployments.map(d => (
            <ReferenceLine
              key={d.id}
              x={Date.parse(d.startedAt)}
              stroke={theme.palette.text.secondary}
              strokeDasharray="4 4"
              ifOverflow="discard"
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
      <figcaption>
        <Typography variant="caption" color="textSecondary">
          {total} error events and {deployments.length} deployments (dashed
          lines) between {from.toLocaleString(DateTime.DATE_MED)} and{' '}
          {to.toLocaleString(DateTime.DATE_MED)}.
          {maintenance.length > 0 &&
            ` Shaded: maintenance (${[
              ...new Set(maintenance.map(m => m.reason)),
            ].join('; ')}).`}
        </Typography>
      </figcaption>
    </figure>
  );
}

/** The backend's hours summed into the user's days. */
function bucketByDay(series: ErrorSeriesPoint[], from: DateTime, to: DateTime) {
  const buckets = new Map<number, Bucket>();
  for (let day = from.startOf('day'); day <= to; day = day.plus({ days: 1 })) {
    buckets.set(day.toMillis(), {
      t: day.toMillis(),
      critical: 0,
      high: 0,
      medium: 0,
      low: 0,
    });
  }
  for (const point of series) {
    const day = DateTime.fromISO(point.at).startOf('day').toMillis();
    const bucket = buckets.get(day);
    if (!bucket) continue;
    for (const severity of ERROR_SEVERITIES) {
      bucket[severity] += point[severity];
    }
  }
  return [...buckets.values()];
}
