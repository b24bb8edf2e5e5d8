import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { SloStatus } from '@opsready/plugin-opsready-common';
import { RelativeTime } from '../RelativeTime';
import { QueriesShown } from '../shared';
import {
  SloObjectives,
  availabilityNow,
  availabilityObjective,
  latencyObjective,
  percent,
  sourceLabel,
} from './sloWords';

/**
 * Each objective in words beside what is measured now, and whether it is
 * met; then where the measurement comes from, with its queries on demand.
 */
export function SloObjectivesNow(props: {
  objectives: SloObjectives;
  status: SloStatus;
}) {
  const { objectives, status } = props;
  const { sli, budget, latencyMet } = status;
  const availability = availabilityNow(status);
  return (
    <Box>
      <Box component="section" aria-label="Objectives">
        <Box component="dl" m={0}>
          {objectives.availability && (
            <Objective
              objective={availabilityObjective(objectives.availability)}
              now={
                availability === undefined
                  ? undefined
                  : `${percent(availability)} available`
              }
              met={budget ? budget.remaining >= 0 : undefined}
            />
          )}
          {objectives.latency && (
            <Objective
              objective={latencyObjective(objectives.latency)}
              now={
                sli?.latencyMs === undefined
                  ? undefined
                  : `p${objectives.latency.percentile} ${Math.round(
                      sli.latencyMs,
                    )} ms (objective ${objectives.latency.thresholdMs} ms)`
              }
              met={latencyMet}
            />
          )}
        </Box>
      </Box>
      {sli ? (
        <Box mt={1}>
          <Typography variant="caption" color="textSecondary" component="p">
            Measured from {sourceLabel(sli.source)}
            {/* Prometheus' increase() extrapolates: counts come with fractions. */}
            {sli.events !== undefined &&
              ` over ${Math.round(sli.events).toLocaleString('en-US')} events`}
            , <RelativeTime iso={sli.measuredAt} />
          </Typography>
          <QueriesShown
            queries={sli.queries}
            label={sli.source === 'prometheus' ? 'query' : 'probed endpoint'}
          />
        </Box>
      ) : (
        <Box mt={1} data-testid="slo-not-measured">
          <Typography variant="body2">Not measured yet</Typography>
          <Typography variant="caption" color="textSecondary">
            The SLI comes from Prometheus when OpsReady is configured to ask it,
            otherwise from the health probes of the entity's declared endpoints;
            the first figures appear after their next run.
          </Typography>
        </Box>
      )}
    </Box>
  );
}

function Objective(props: { objective: string; now?: string; met?: boolean }) {
  const { objective, now, met } = props;
  return (
    <Box mb={1}>
      <Typography component="dt" variant="subtitle1">
        {objective}
      </Typography>
      <Typography component="dd" variant="body2" style={{ margin: 0 }}>
        {now ?? 'No measurement yet'}
        {met !== undefined && (
          <Box
            component="span"
            ml={1}
            color={met ? 'success.main' : 'error.main'}
            fontWeight={600}
          >
            {met ? 'Met' : 'Not met'}
          </Box>
        )}
      </Typography>
    </Box>
  );
}
