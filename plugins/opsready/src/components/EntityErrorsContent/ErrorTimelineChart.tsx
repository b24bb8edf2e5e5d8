import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import {
  Deployment,
  ERROR_SEVERITIES,
  ErrorEvent,
  ErrorSeverity,
} from '@opsready/plugin-opsready-common';
import { DateTime } from 'luxon';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { timeAxisProps, timeLabel } from '../shared';

type Bucket = { t: number } & Record<ErrorSeverity, number>;

/**
 * Errors per day by severity, stacked, with each deployment drawn as a
 * dashed line on the same axis: "did it start after that release?" is the
 * question this chart answers. Severities differ by pattern of the stack
 * order and the legend names them, not by colour alone.
 */
export function ErrorTimelineChart(props: {
  errors: ErrorEvent[];
  deployments: Deployment[];
  from: DateTime;
  to: DateTime;
}) {
  const { errors, deployments, from, to } = props;
  const theme = useTheme();
  const colours: Record<ErrorSeverity, string> = {
    critical: theme.palette.error.dark,
    high: theme.palette.error.main,
    medium: theme.palette.warning.main,
    low: theme.palette.info.main,
  };
  const buckets = bucketByDay(errors, from, to);
  const total = errors.length;
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
        </Typography>
      </figcaption>
    </figure>
  );
}

function bucketByDay(errors: ErrorEvent[], from: DateTime, to: DateTime) {
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
  for (const error of errors) {
    const day = DateTime.fromISO(error.occurredAt).startOf('day').toMillis();
    const bucket = buckets.get(day);
    if (bucket) bucket[error.severity] += 1;
  }
  return [...buckets.values()];
}
