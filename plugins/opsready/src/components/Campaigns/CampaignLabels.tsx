import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import LinearProgress from '@material-ui/core/LinearProgress';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import WarningIcon from '@material-ui/icons/Warning';
import { DateTime } from 'luxon';
import {
  CampaignEntityStatus,
  CampaignFigures,
  CampaignState,
} from '../../api/OpsReadyApi';
import {
  dayLabel,
  deadlineDistance,
  ENTITY_STATUS_LABELS,
  figuresText,
  percentFinished,
  STATE_LABELS,
} from './campaignWords';

const STATE_COLORS: Record<CampaignState, 'primary' | 'default'> = {
  scheduled: 'default',
  active: 'primary',
  paused: 'default',
  ended: 'default',
};

/** A campaign's state, as a chip. */
export function CampaignStateChip({ state }: { state: CampaignState }) {
  return (
    <Chip
      size="small"
      label={STATE_LABELS[state]}
      color={STATE_COLORS[state]}
      variant={state === 'ended' ? 'outlined' : 'default'}
    />
  );
}

/** An entity's standing in a campaign, as a chip. */
export function EntityStatusChip({ status }: { status: CampaignEntityStatus }) {
  return (
    <Chip
      size="small"
      label={ENTITY_STATUS_LABELS[status]}
      variant={status === 'open' ? 'default' : 'outlined'}
    />
  );
}

/**
 * How much of a campaign is finished: a bar, and the figures as text so
 * the bar is never the only account of them.
 */
export function CampaignProgressBar(props: {
  figures: Pick<CampaignFigures, 'total' | 'done' | 'exempt'>;
  label?: string;
}) {
  const { figures, label } = props;
  const text = figuresText(figures);
  return (
    <Box minWidth={140}>
      <LinearProgress
        variant="determinate"
        value={percentFinished(figures)}
        aria-label={label ? `${label}: ${text}` : text}
      />
      <Typography variant="caption" color="textSecondary">
        {text}
      </Typography>
    </Box>
  );
}

/** The deadline's date, and how far off it is ("in 5 days", "3 days late"). */
export function DeadlineLabel(props: {
  deadline: string;
  state: CampaignState;
}) {
  const { deadline, state } = props;
  const distance = deadlineDistance(deadline, state);
  return (
    <Tooltip
      title={DateTime.fromISO(deadline).toLocaleString(DateTime.DATETIME_FULL)}
    >
      <span>
        <time dateTime={deadline}>{dayLabel(deadline)}</time>
        {distance && (
          <Typography
            component="span"
            variant="body2"
            color={distance.endsWith('late') ? 'error' : 'textSecondary'}
          >
            {` (${distance})`}
          </Typography>
        )}
      </span>
    </Tooltip>
  );
}

/** The "At risk" mark: an icon and the words, never the colour alone. */
export function AtRiskMark(props: { title?: string }) {
  return (
    <Tooltip title={props.title ?? 'Projected to finish after the deadline'}>
      <Box
        component="span"
        display="inline-flex"
        alignItems="center"
        color="warning.main"
        style={{ gap: 4 }}
      >
        <WarningIcon fontSize="small" />
        <Typography component="span" variant="body2">
          At risk
        </Typography>
      </Box>
    </Tooltip>
  );
}
