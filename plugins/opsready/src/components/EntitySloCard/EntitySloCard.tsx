import { getCompoundEntityRef } from '@backstage/catalog-model';
import { InfoCard, WarningPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { SloStatus } from '@opsready/plugin-opsready-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { opsreadyApiRef } from '../../api/OpsReadyApi';
import { AsyncContent } from '../shared';
import { BurnRateAlerts } from './BurnRateAlerts';
import { BurnRateChart } from './BurnRateChart';
import { ErrorBudgetBar } from './ErrorBudgetBar';
import { NoSloDeclared } from './NoSloDeclared';
import { RangeChoice } from './RangeChoice';
import { SloObjectivesNow } from './SloObjectivesNow';
import { declaredByLabel } from './sloWords';

const DEFAULT_HOURS = 24;

/**
 * The entity's service level: its objectives and where they come from, the
 * SLIs now, the error budget left, the burn-rate alerts firing, and the burn
 * rate over time beside the deployments.
 *
 * @public
 */
export function EntitySloCard(props: {
  /**
   * Show nothing for an entity without objectives, rather than how to
   * declare them: for pages where the card is one view among others.
   */
  hideWhenUndeclared?: boolean;
}) {
  const { hideWhenUndeclared = false } = props;
  const { entity } = useEntity();
  const api = useApi(opsreadyApiRef);
  const [hours, setHours] = useState(DEFAULT_HOURS);
  const status = useAsync(
    () => api.getSlo(getCompoundEntityRef(entity), { hours }),
    [api, entity, hours],
  );
  if (
    hideWhenUndeclared &&
    status.value &&
    !status.value.objectives &&
    status.value.problems.length === 0
  ) {
    return null;
  }
  const objectives = status.value?.objectives;
  return (
    <InfoCard
      title="Service level"
      titleTypographyProps={{ component: 'h2' }}
      subheader={
        objectives ? declaredByLabel(objectives.declaredBy) : undefined
      }
      action={
        objectives ? <RangeChoice hours={hours} onChange={setHours} /> : null
      }
    >
      <AsyncContent {...status}>
        {value => <SloContent status={value} hours={hours} />}
      </AsyncContent>
    </InfoCard>
  );
}

function SloContent(props: { status: SloStatus; hours: number }) {
  const { status, hours } = props;
  const { objectives, problems } = status;
  return (
    <>
      {problems.length > 0 && (
        <Box mb={2}>
          <WarningPanel
            severity="warning"
            title={
              problems.length === 1
                ? 'One thing could not be read'
                : `${problems.length} things could not be read`
            }
            defaultExpanded
          >
            <ul style={{ margin: 0 }} aria-label="SLO problems">
              {problems.map(p => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </WarningPanel>
        </Box>
      )}
      {objectives ? (
        <Grid container spacing={2}>
          <Grid item xs={12} md={6}>
            <SloObjectivesNow objectives={objectives} status={status} />
          </Grid>
          <Grid item xs={12} md={6}>
            {status.budget && <ErrorBudgetBar budget={status.budget} />}
            <Box mt={2}>
              <Typography variant="subtitle2" component="h3">
                Burn-rate alerts
              </Typography>
              <BurnRateAlerts alerts={status.alerts} />
            </Box>
          </Grid>
          {status.sli && (
            <Grid item xs={12}>
              <BurnRateChart
                history={status.burnRateHistory}
                deployments={status.deployments}
                hours={hours}
              />
            </Grid>
          )}
        </Grid>
      ) : (
        <NoSloDeclared />
      )}
    </>
  );
}
