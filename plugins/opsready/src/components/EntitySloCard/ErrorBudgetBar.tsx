import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { withStyles } from '@material-ui/core/styles';
import { SloStatus } from '@opsready/plugin-opsready-common';
import { budgetLabel, burnRateLabel } from './sloWords';

const ExhaustedBar = withStyles(theme => ({
  bar: { backgroundColor: theme.palette.error.main },
}))(LinearProgress);

/**
 * The error budget left as a bar, and in words: a spent budget fills the
 * bar red and says by how much the objective is missed, since an empty bar
 * alone reads as "nothing to see".
 */
export function ErrorBudgetBar(props: {
  budget: NonNullable<SloStatus['budget']>;
}) {
  const { budget } = props;
  const exhausted = budget.remaining <= 0;
  const label = budgetLabel(budget.remaining);
  const Bar = exhausted ? ExhaustedBar : LinearProgress;
  return (
    <Box data-testid="slo-error-budget">
      <Typography variant="subtitle2" component="h3">
        Error budget
      </Typography>
      <Bar
        variant="determinate"
        // A spent budget shows a full red bar: the overrun, not a void.
        value={exhausted ? 100 : Math.min(budget.remaining * 100, 100)}
        aria-label="Error budget left"
        aria-valuetext={label}
        style={{ height: 10, borderRadius: 5 }}
      />
      <Typography
        variant="body2"
        color={exhausted ? 'error' : 'textPrimary'}
        style={{ fontWeight: exhausted ? 600 : undefined }}
      >
        {label}
      </Typography>
      <Typography variant="caption" color="textSecondary">
        Burning at {burnRateLabel(budget.burnRate)} the sustainable rate; allows{' '}
        {(budget.allowed * 100).toFixed(2).replace(/\.?0+$/, '')} % bad events.
      </Typography>
    </Box>
  );
}
