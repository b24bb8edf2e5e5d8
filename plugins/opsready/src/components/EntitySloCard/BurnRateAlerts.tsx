import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { BurnRateAlert, burnRateLabel, byUrgency } from './sloWords';

/**
 * The burn-rate alerts firing now, worst first: a page means the budget is
 * going within hours, a ticket within days. Each chip is followed by its
 * message in full, not hidden in a tooltip.
 */
export function BurnRateAlerts(props: { alerts: BurnRateAlert[] }) {
  const { alerts } = props;
  if (alerts.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No burn-rate alert fires.
      </Typography>
    );
  }
  const ordered = [...alerts].sort(byUrgency);
  return (
    <Box component="ul" aria-label="Burn-rate alerts" p={0} m={0}>
      {ordered.map(alert => (
        <Box
          component="li"
          key={`${alert.severity}-${alert.windows.long}-${alert.windows.short}`}
          display="flex"
          alignItems="center"
          style={{ gap: 8, listStyle: 'none' }}
          mb={0.5}
        >
          <Chip
            size="small"
            color={alert.severity === 'page' ? 'secondary' : 'default'}
            label={alert.severity === 'page' ? 'Page' : 'Ticket'}
          />
          <Typography variant="body2">
            {alert.message}{' '}
            <Typography
              component="span"
              variant="caption"
              color="textSecondary"
            >
              ({burnRateLabel(alert.burnRates.long)} over {alert.windows.long},{' '}
              {burnRateLabel(alert.burnRates.short)} over {alert.windows.short};
              fires above {burnRateLabel(alert.factor)})
            </Typography>
          </Typography>
        </Box>
      ))}
    </Box>
  );
}
