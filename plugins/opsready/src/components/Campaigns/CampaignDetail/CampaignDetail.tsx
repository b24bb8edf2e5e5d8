import { InfoCard, Link } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { useLocation } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { CampaignSaved, opsreadyApiRef } from '../../../api/OpsReadyApi';
import { campaignsRouteRef } from '../../../routes';
import { FixMyTeamsButton } from '../../Fixes';
import { AsyncContent } from '../../shared';
import { AtRiskMark } from '../CampaignLabels';
import { projectionText } from '../campaignWords';
import { BurnUpChart } from './BurnUpChart';
import { CampaignActions } from './CampaignActions';
import { CampaignEntitiesTable } from './CampaignEntitiesTable';
import { CampaignHeader } from './CampaignHeader';
import { CampaignHistory } from './CampaignHistory';
import { TeamsTable } from './TeamsTable';

/** What the backend said to look at again after a save: an empty scope, … */
function SaveWarnings({ warnings }: { warnings: string[] }) {
  if (warnings.length === 0) return null;
  return (
    <Grid item xs={12}>
      <Box role="alert" color="warning.main">
        {warnings.map(w => (
          <Typography key={w} variant="body2">
            {w}
          </Typography>
        ))}
      </Box>
    </Grid>
  );
}

/**
 * One campaign: what it asks and why, its figures, its burn-up and
 * projection, its teams by what they have left, its entities with what
 * each still needs, and its history.
 */
export function CampaignDetail({ id }: { id: string }) {
  const api = useApi(opsreadyApiRef);
  const campaignsLink = useRouteRef(campaignsRouteRef);
  const location = useLocation();
  const [warnings, setWarnings] = useState<string[]>(
    (location.state as { warnings?: string[] } | null)?.warnings ?? [],
  );
  const campaign = useAsyncRetry(() => api.getCampaign(id), [api, id]);
  const progress = useAsyncRetry(() => api.getCampaignProgress(id), [api, id]);
  const history = useAsyncRetry(() => api.getCampaignHistory(id), [api, id]);
  const onChanged = (saved: CampaignSaved) => {
    setWarnings(saved.warnings);
    campaign.retry();
    progress.retry();
    history.retry();
  };

  return (
    <>
      <Box mb={2}>
        <Link to={campaignsLink()}>All campaigns</Link>
      </Box>
      <AsyncContent {...campaign}>
        {c => (
          <Grid container spacing={3}>
            <SaveWarnings warnings={warnings} />
            <Grid item xs={12}>
              <CampaignHeader
                campaign={c}
                actions={
                  <Box
                    display="flex"
                    flexWrap="wrap"
                    alignItems="center"
                    style={{ gap: 8 }}
                  >
                    {/* An ended campaign asks nothing more of anyone. */}
                    {c.state !== 'ended' && (
                      <FixMyTeamsButton campaignId={c.id} />
                    )}
                    <CampaignActions campaign={c} onChanged={onChanged} />
                  </Box>
                }
              />
            </Grid>
            <AsyncContent {...progress}>
              {p => (
                <>
                  <Grid item xs={12} md={8}>
                    <InfoCard title="Burn-up">
                      <BurnUpChart progress={p} campaign={c} />
                    </InfoCard>
                  </Grid>
                  <Grid item xs={12} md={4}>
                    <InfoCard
                      title="Projection"
                      action={
                        p.projection.atRisk && c.state !== 'ended' ? (
                          <AtRiskMark />
                        ) : undefined
                      }
                    >
                      <Typography variant="body2">
                        {projectionText(
                          p.projection,
                          c.deadline,
                          p.figures.open,
                        )}
                      </Typography>
                    </InfoCard>
                  </Grid>
                  <Grid item xs={12}>
                    <TeamsTable teams={p.teams} />
                  </Grid>
                </>
              )}
            </AsyncContent>
            <Grid item xs={12}>
              <CampaignEntitiesTable
                campaignId={c.id}
                owners={
                  progress.value?.teams.flatMap(t =>
                    t.owner ? [t.owner] : [],
                  ) ?? []
                }
              />
            </Grid>
            <Grid item xs={12}>
              <InfoCard title="History">
                <AsyncContent {...history}>
                  {h => <CampaignHistory changes={h.items} />}
                </AsyncContent>
              </InfoCard>
            </Grid>
          </Grid>
        )}
      </AsyncContent>
    </>
  );
}
