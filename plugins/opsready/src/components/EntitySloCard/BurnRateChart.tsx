import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import { SloStatus } from '@opsready/plugin-opsready-common';
import { DateTime } from 'luxon';
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { QueriesShown, timeAxisProps, timeLabel } from '../shared';
import { burnRateLabel, sourceLabel } from './sloWords';

/**
 * The burn rate over time with each deployment on the same axis, labelled
 * with its version: "did it start burning after that release?". The line at
 * 1× is the rate that spends the budget exactly over the SLO window. The
 * deployments are also listed in words below, rollback-advised ones marked,
 * as a chart alone says nothing to a screen reader.
 */
export function BurnRateChart(props: {
  history: SloStatus['burnRateHistory'];
  deployments: SloStatus['deployments'];
  hours: number;
}) {
  const { history, deployments, hours } = props;
  const theme = useTheme();
  const to = DateTime.now();
  const from = to.minus({ hours });
  const points = history.points.map(p => ({
    t: Date.parse(p.at),
    burnRate: p.burnRate,
  }));
  const tickFormat = hours > 24 ? 'LLL d' : 'HH:mm';
  return (
    <figure style={{ margin: 0 }} data-testid="slo-burn-rate-chart">
      {points.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No burn rate measured in this range yet.
        </Typography>
      ) : (
        <ResponsiveContainer width="100%" height={220}>
          <LineChart
            data={points}
            margin={{ top: 16, right: 16, left: 0, bottom: 0 }}
          >
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis
              {...timeAxisProps([from.toMillis(), to.toMillis()], tickFormat)}
            />
            <YAxis width={40} tickFormatter={burnRateLabel} />
            <Tooltip
              labelFormatter={timeLabel(DateTime.DATETIME_SHORT)}
              formatter={(value: number) => [burnRateLabel(value), 'Burn rate']}
            />
            <ReferenceLine
              y={1}
              stroke={theme.palette.success.main}
              strokeDasharray="6 3"
              label={{ value: '1× sustainable', position: 'insideBottomLeft' }}
            />
            {deployments.map(d => (
              <ReferenceLine
                key={d.id}
                x={Date.parse(d.at)}
                stroke={
                  d.rollbackAdvised
                    ? theme.palette.error.main
                    : theme.palette.text.secondary
                }
                strokeWidth={d.rollbackAdvised ? 2 : 1}
                strokeDasharray={d.rollbackAdvised ? undefined : '4 4'}
                ifOverflow="discard"
                label={{ value: d.version, position: 'insideTopRight' }}
              />
            ))}
            <Line
              type="monotone"
              dataKey="burnRate"
              stroke={theme.palette.primary.main}
              dot={false}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      )}
      <figcaption>
        <Typography variant="caption" color="textSecondary" component="p">
          Burn rate over {history.window} windows
          {history.source ? `, from ${sourceLabel(history.source)}` : ''}, in
          the last {hours >= 48 ? `${hours / 24} days` : `${hours} hours`};
          deployments are vertical lines, solid red where a rollback is advised.
        </Typography>
        <DeploymentsInRange deployments={deployments} />
        {history.query && <QueriesShown queries={[history.query]} />}
      </figcaption>
    </figure>
  );
}

function DeploymentsInRange(props: { deployments: SloStatus['deployments'] }) {
  const { deployments } = props;
  if (deployments.length === 0) {
    return (
      <Typography variant="caption" color="textSecondary" component="p">
        No deployment in this range.
      </Typography>
    );
  }
  return (
    <Box
      component="ul"
      aria-label="Deployments in range"
      display="flex"
      flexWrap="wrap"
      p={0}
      m={0}
      style={{ gap: 8, listStyle: 'none' }}
    >
      {deployments.map(d => (
        <li key={d.id}>
          <Typography variant="caption">
            {d.version} to {d.environment},{' '}
            {DateTime.fromISO(d.at).toLocaleString(DateTime.DATETIME_SHORT)}
          </Typography>{' '}
          {d.rollbackAdvised && (
            <Chip size="small" color="secondary" label="Rollback advised" />
          )}
        </li>
      ))}
    </Box>
  );
}
