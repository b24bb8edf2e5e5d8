import {
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CodeSnippet, EmptyState, InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import { DateTime } from 'luxon';
import { useMemo, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { opsreadyApiRef } from '../../api/OpsReadyApi';
import { AsyncContent, FilterSelect } from '../shared';
import { ErrorTimelineChart } from './ErrorTimelineChart';
import { ErrorsTable } from './ErrorsTable';
import { TimelineList } from './TimelineList';

const RANGES = [
  { value: '1', label: 'Last 24 hours' },
  { value: '7', label: 'Last 7 days' },
  { value: '30', label: 'Last 30 days' },
  { value: '90', label: 'Last 90 days' },
];

// The chart draws at most this many events; the table pages through all.
const CHART_EVENTS = 500;

/**
 * The errors tab: errors by severity over time with deployments on the same
 * axis, the errors grouped by fingerprint, and the service's timeline.
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
    const [errors, deployments, anyError] = await Promise.all([
      api.getErrors(
        ref,
        { ...isoRange, view: 'flat' },
        { limit: CHART_EVENTS },
      ),
      api.getDeployments(ref, isoRange, { limit: 200 }),
      api.getErrors(ref, {}, { limit: 1 }),
    ]);
    return {
      errors: errors.items,
      deployments: deployments.items,
      hasAny: anyError.items.length > 0,
    };
  }, [api, entityRef, isoRange]);

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
      <AsyncContent {...chart}>
        {({ errors, deployments, hasAny }) =>
          hasAny ? (
            <>
              <Grid item xs={12}>
                <InfoCard title="Errors over time">
                  <ErrorTimelineChart
                    errors={errors}
                    deployments={deployments}
                    from={range.from}
                    to={range.to}
                  />
                </InfoCard>
              </Grid>
              <Grid item xs={12}>
                <ErrorsTable
                  entity={ref}
                  environments={[
                    ...new Set([
                      ...errors.map(e => e.environment),
                      ...deployments.map(d => d.environment),
                    ]),
                  ].sort()}
                  range={isoRange}
                  onResolved={chart.retry}
                />
              </Grid>
            </>
          ) : (
            <Grid item xs={12}>
              <NoErrorsYet entityRef={entityRef} />
            </Grid>
          )
        }
      </AsyncContent>
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
