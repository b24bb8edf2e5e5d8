import {
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CodeSnippet, EmptyState, InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Typography from '@material-ui/core/Typography';
import { useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import { DateTime } from 'luxon';
import { useMemo, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { opsreadyApiRef } from '../../api/OpsReadyApi';
import { errorTitle } from '../errorTitle';
import { MaintenancePanel } from '../Maintenance';
import {
  AsyncContent,
  FilterSelect,
  LoadsHidden,
  environmentNames,
} from '../shared';
import { ErrorTimelineChart } from './ErrorTimelineChart';
import { ErrorsTable } from './ErrorsTable';
import { TimelineList } from './TimelineList';
import { UptimeStrip } from './UptimeStrip';

const RANGES = [
  { value: '1', label: 'Last 24 hours' },
  { value: '7', label: 'Last 7 days' },
  { value: '30', label: 'Last 30 days' },
  { value: '90', label: 'Last 90 days' },
];

// The chart marks at most this many deployments; the errors it counts all.
const CHART_DEPLOYMENTS = 200;

/**
 * The errors tab: the maintenance windows, errors by severity over time with
 * deployments and maintenance on the same axis, uptime, the errors grouped
 * by fingerprint, and the service's timeline.
 *
 * @public
 */
export function EntityErrorsContent() {
  const { entity } = useEntity();
  const ref = getCompoundEntityRef(entity);
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(opsreadyApiRef);
  const [days, setDays] = useState('7');
  const range = useMemo(() => {
    const to = DateTime.now().endOf('minute');
    return { from: to.minus({ days: Number(days) }), to };
  }, [days]);
  const isoRange = useMemo(
    () => ({
      from: range.from.toUTC().toISO()!,
      to: range.to.toUTC().toISO()!,
    }),
    [range],
  );
  const chart = useAsyncRetry(async () => {
    const [series, deployments, anyError, health] = await Promise.all([
      api.getErrorSeries(ref, isoRange),
      api.getDeployments(ref, isoRange, { limit: CHART_DEPLOYMENTS }),
      api.getErrors(ref, {}, { limit: 1 }),
      // The errors are the tab's business: without health, they still show.
      api.getHealthHistory(ref, isoRange).then(
        history => ({ history, failure: undefined }),
        (e: Error) => ({ history: undefined, failure: errorTitle(e) }),
      ),
    ]);
    return {
      series: series.items,
      environments: series.environments,
      deployments: deployments.items,
      hasAny: anyError.items.length > 0,
      health,
    };
  }, [api, entityRef, isoRange]);

  // What the table's environment filter offers.
  const environments = useMemo(
    () =>
      environmentNames(
        chart.value?.environments ?? [],
        chart.value?.deployments ?? [],
      ),
    [chart.value],
  );
  const noErrorsYet = chart.value?.hasAny === false;

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <FilterSelect
          label="Time range"
          value={days}
          options={RANGES}
          onChange={value => setDays(value || '7')}
        />
      </Grid>
      <Grid item xs={12}>
        <MaintenancePanel entity={entity} onChanged={chart.retry} />
      </Grid>
      <AsyncContent {...chart}>
        {({ series, deployments, hasAny, health }) => (
          <>
            <Grid item xs={12}>
              {hasAny ? (
                <InfoCard title="Errors over time">
                  <ErrorTimelineChart
                    series={series}
                    deployments={deployments}
                    maintenance={health.history?.maintenance}
                    from={range.from}
                    to={range.to}
                  />
                </InfoCard>
              ) : (
                <NoErrorsYet entityRef={entityRef} />
              )}
            </Grid>
            <Grid item xs={12}>
              <InfoCard
                title="Uptime"
                subheader="Maintenance is left out of uptime"
              >
                {health.history ? (
                  <UptimeStrip history={health.history} />
                ) : (
                  <Typography variant="body2" color="error" role="alert">
                    Uptime could not be read: {health.failure}
                  </Typography>
                )}
              </InfoCard>
            </Grid>
          </>
        )}
      </AsyncContent>
      {!noErrorsYet && (
        <LoadsHidden shown={Boolean(chart.value)}>
          <ErrorsTable
            entity={ref}
            environments={environments}
            range={isoRange}
            onResolved={chart.retry}
          />
        </LoadsHidden>
      )}
      <Grid item xs={12}>
        <InfoCard
          title="Timeline"
          subheader="Deployments, errors, health changes and score changes"
        >
          <TimelineList entity={ref} range={isoRange} />
        </InfoCard>
      </Grid>
    </Grid>
  );
}

function NoErrorsYet({ entityRef }: { entityRef: string }) {
  return (
    <EmptyState
      missing="data"
      title="No errors recorded"
      description="Errors arrive from Alertmanager (the webhook), from Kubernetes (crash loops, OOM kills, failed rollouts), from health probes that go down, or from your own tooling:"
      action={
        <CodeSnippet
          language="bash"
          text={`curl -X POST "$BACKSTAGE_URL/api/opsready/errors" \\
  -H "Authorization: Bearer $OPSREADY_TOKEN" -H "Content-Type: application/json" \\
  -d '{"entityRef":"${entityRef}","environment":"production","severity":"high",
       "category":"dependency","message":"redis unreachable",
       "occurredAt":"'$(date -u +%FT%TZ)'","source":"my-tool","externalId":"'$(uuidgen)'"}'`}
        />
      }
    />
  );
}
