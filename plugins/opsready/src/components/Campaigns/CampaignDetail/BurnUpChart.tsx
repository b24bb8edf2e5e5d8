import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import { DateTime } from 'luxon';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { CampaignProgress, CampaignSummary } from '../../../api/OpsReadyApi';
import { timeAxisProps, timeLabel } from '../../shared';
import { dayLabel, figuresText } from '../campaignWords';
import { burnUpSeries } from './burnUpSeries';

/** The words under the chart, which say what it shows to screen readers. */
function caption(
  progress: CampaignProgress,
  campaign: CampaignSummary,
  projectedT: number | undefined,
  projectionCut: boolean,
): string {
  const parts = [
    `${figuresText(progress.figures)}; the deadline is ${dayLabel(
      campaign.deadline,
    )}.`,
  ];
  const projected = progress.projection.projectedCompletion;
  if (projectedT !== undefined && projected) {
    parts.push(
      projectionCut
        ? `Projected to finish on ${dayLabel(projected)}, past the chart's end.`
        : `Projected to finish on ${dayLabel(projected)} (dashed).`,
    );
  }
  return parts.join(' ');
}

/**
 * The campaign's burn-up: entities done, and done or exempt, day by day
 * against the total in scope, the deadline, and the projection at the
 * recent rate as a dashed line to the projected date.
 */
export function BurnUpChart(props: {
  progress: CampaignProgress;
  campaign: CampaignSummary;
}) {
  const { progress, campaign } = props;
  const theme = useTheme();
  const { rows, domain, deadlineT, projectedT, projectionCut } = burnUpSeries(
    progress,
    campaign.startsAt,
    campaign.deadline,
  );
  if (progress.burnUp.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No progress recorded yet: the first point comes with the first day.
      </Typography>
    );
  }
  return (
    <figure style={{ margin: 0 }}>
      <ResponsiveContainer width="100%" height={260}>
        <ComposedChart
          data={rows}
          margin={{ top: 16, right: 24, left: 0, bottom: 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis {...timeAxisProps(domain)} />
          <YAxis allowDecimals={false} width={40} />
          <Tooltip labelFormatter={timeLabel(DateTime.DATE_MED)} />
          <Legend />
          <Area
            name="Done or exempt"
            dataKey="finished"
            type="stepAfter"
            stroke={theme.palette.primary.light}
            fill={theme.palette.primary.light}
            fillOpacity={0.3}
            isAnimationActive={false}
          />
          <Area
            name="Done"
            dataKey="done"
            type="stepAfter"
            stroke={theme.palette.primary.main}
            fill={theme.palette.primary.main}
            fillOpacity={0.5}
            isAnimationActive={false}
          />
          <Line
            name="In scope"
            dataKey="total"
            type="stepAfter"
            stroke={theme.palette.text.secondary}
            dot={false}
            connectNulls
            isAnimationActive={false}
          />
          <Line
            name="Projection"
            dataKey="projected"
            stroke={theme.palette.warning.main}
            strokeDasharray="6 4"
            dot={false}
            connectNulls
            isAnimationActive={false}
          />
          <ReferenceLine
            x={deadlineT}
            stroke={theme.palette.error.main}
            label={{ value: 'Deadline', position: 'top' }}
          />
        </ComposedChart>
      </ResponsiveContainer>
      <figcaption>
        <Typography variant="caption" color="textSecondary">
          {caption(progress, campaign, projectedT, projectionCut)}
        </Typography>
      </figcaption>
    </figure>
  );
}
