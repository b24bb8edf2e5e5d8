import Box from '@material-ui/core/Box';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import { HealthHistory } from '@opsready/plugin-opsready-common';
import { DateTime } from 'luxon';

type Point = HealthHistory['items'] extends Array<infer P> | undefined
  ? P
  : never;

function percent(share: number): string {
  return `${Math.floor(share * 1000) / 10}%`;
}

/** What one bucket was, in words: its uptime, and the maintenance left out. */
function describe(point: Point, bucket: 'hour' | 'day'): string {
  const at = DateTime.fromISO(point.bucketStart ?? '').toLocaleString(
    bucket === 'hour' ? DateTime.DATETIME_MED : DateTime.DATE_MED,
  );
  const maintained = point.maintenanceProbes ?? 0;
  if (point.uptime === null || point.uptime === undefined) {
    return maintained > 0
      ? `${at}: maintenance, not counted`
      : `${at}: no probes`;
  }
  return `${at}: ${percent(point.uptime)} up${
    maintained > 0 ? `, ${maintained} probes in maintenance left out` : ''
  }`;
}

/**
 * Uptime per hour or day and environment, as a strip of cells: green where
 * the endpoint was up, amber and red as it was less so, hatched where the
 * whole bucket was maintenance. Each cell says what it shows in words.
 */
export function UptimeStrip({ history }: { history: HealthHistory }) {
  const theme = useTheme();
  const bucket = history.bucket ?? 'day';
  const items = history.items ?? [];
  if (items.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No health probes in this range.
      </Typography>
    );
  }
  const environments = [...new Set(items.map(i => i.environment ?? ''))];
  const colour = (point: Point) => {
    if (point.uptime === null || point.uptime === undefined) {
      return (point.maintenanceProbes ?? 0) > 0
        ? `repeating-linear-gradient(45deg, ${theme.palette.grey[400]} 0 3px, transparent 3px 6px)`
        : theme.palette.grey[300];
    }
    if (point.uptime >= 0.999) return theme.palette.success.main;
    if (point.uptime >= 0.99) return theme.palette.warning.main;
    return theme.palette.error.main;
  };
  return (
    <Box display="grid" style={{ gap: 4 }}>
      {environments.map(environment => (
        <Box
          key={environment}
          display="flex"
          alignItems="center"
          style={{ gap: 8 }}
        >
          <Typography variant="caption" style={{ minWidth: 80 }}>
            {environment}
          </Typography>
          <Box
            display="flex"
            flexGrow={1}
            style={{ gap: 1 }}
            role="list"
            aria-label={`Uptime of ${environment} by ${bucket}`}
          >
            {items
              .filter(i => (i.environment ?? '') === environment)
              .map(point => {
                const words = describe(point, bucket);
                return (
                  <Tooltip key={point.bucketStart} title={words}>
                    <Box
                      role="listitem"
                      aria-label={words}
                      flexGrow={1}
                      height={16}
                      style={{ background: colour(point), minWidth: 2 }}
                    />
                  </Tooltip>
                );
              })}
          </Box>
        </Box>
      ))}
    </Box>
  );
}
