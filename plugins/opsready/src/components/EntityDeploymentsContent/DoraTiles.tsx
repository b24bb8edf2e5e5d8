import Box from '@material-ui/core/Box';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import {
  DoraBand,
  DoraFigures,
  DoraMetric,
} from '@opsready/plugin-opsready-common';

const BAND_LABELS: Record<DoraBand, string> = {
  elite: 'Elite',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

const TILES: Array<{
  key: keyof Pick<
    DoraFigures,
    | 'deploymentFrequency'
    | 'leadTimeHours'
    | 'changeFailureRate'
    | 'timeToRestoreHours'
  >;
  title: string;
  format: (value: number) => string;
}> = [
  {
    key: 'deploymentFrequency',
    title: 'Deployment frequency',
    format: v => (v >= 1 ? `${round(v)} per day` : `${round(v * 7)} per week`),
  },
  {
    key: 'leadTimeHours',
    title: 'Lead time for changes',
    format: v => (v >= 48 ? `${round(v / 24)} days` : `${round(v)} hours`),
  },
  {
    key: 'changeFailureRate',
    title: 'Change failure rate',
    format: v => `${Math.round(v * 100)} %`,
  },
  {
    key: 'timeToRestoreHours',
    title: 'Time to restore',
    format: v => (v >= 48 ? `${round(v / 24)} days` : `${round(v)} hours`),
  },
];

function round(value: number): string {
  return value >= 10 ? String(Math.round(value)) : value.toFixed(1);
}

/** The four DORA keys with their band, in words as well as figures. */
export function DoraTiles({ dora }: { dora: DoraFigures }) {
  return (
    <Box
      display="grid"
      gridTemplateColumns="repeat(auto-fit, minmax(180px, 1fr))"
      style={{ gap: 16 }}
    >
      {TILES.map(tile => (
        <DoraTile
          key={tile.key}
          title={tile.title}
          metric={dora[tile.key]}
          format={tile.format}
        />
      ))}
    </Box>
  );
}

function DoraTile(props: {
  title: string;
  metric: DoraMetric;
  format: (value: number) => string;
}) {
  const { title, metric, format } = props;
  return (
    <Paper variant="outlined" component="section" aria-label={title}>
      <Box p={2}>
        <Typography variant="overline" component="h3">
          {title}
        </Typography>
        <Typography variant="h5" component="p">
          {metric.value === null ? 'No data' : format(metric.value)}
        </Typography>
        <Typography variant="body2" color="textSecondary">
          {metric.band ? `${BAND_LABELS[metric.band]} performer` : '—'}
        </Typography>
      </Box>
    </Paper>
  );
}
