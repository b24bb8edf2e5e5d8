import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import { DateTime } from 'luxon';
import {
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { ScorePoint } from '../../api/OpsReadyApi';
import { timeAxisProps, timeLabel } from '../shared';

/**
 * The score over time. The points are also listed for screen readers: a
 * chart alone says nothing to them.
 */
export function ScoreTrendChart({ points }: { points: ScorePoint[] }) {
  const theme = useTheme();
  const data = points
    .filter(p => p.score !== null)
    .map(p => ({
      t: Date.parse(p.recordedAt),
      score: p.score,
      level: p.level,
    }));
  if (data.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No score recorded in the last 30 days yet.
      </Typography>
    );
  }
  const first = data[0];
  const last = data[data.length - 1];
  return (
    <figure style={{ margin: 0 }}>
      <ResponsiveContainer width="100%" height={180}>
        <LineChart
          data={data}
          margin={{ top: 8, right: 16, left: 0, bottom: 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis {...timeAxisProps(['dataMin', 'dataMax'])} />
          <YAxis domain={[0, 100]} width={32} />
          <Tooltip labelFormatter={timeLabel(DateTime.DATETIME_MED)} />
          <Line
            type="stepAfter"
            dataKey="score"
            stroke={theme.palette.primary.main}
            dot={{ r: 3 }}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
      <figcaption>
        <Typography variant="caption" color="textSecondary">
          Score {first.score} on{' '}
          {DateTime.fromMillis(first.t).toLocaleString(DateTime.DATE_MED)},{' '}
          {last.score} on{' '}
          {DateTime.fromMillis(last.t).toLocaleString(DateTime.DATE_MED)} (
          {data.length} changes)
        </Typography>
      </figcaption>
    </figure>
  );
}
