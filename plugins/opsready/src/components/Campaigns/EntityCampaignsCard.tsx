import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { EntityCampaign, opsreadyApiRef } from '../../api/OpsReadyApi';
import { errorTitle } from '../errorTitle';
import { CampaignItemsList } from './CampaignItemsList';
import { DeadlineLabel, EntityStatusChip } from './CampaignLabels';
import { CampaignLink } from './CampaignLink';

function EntityCampaignRow({ item }: { item: EntityCampaign }) {
  const { campaign, status, items, dueAt } = item;
  return (
    <Box component="li" mb={2}>
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        style={{ gap: 8 }}
      >
        <Typography variant="subtitle1" component="h3">
          <CampaignLink id={campaign.id} name={campaign.name} />
        </Typography>
        <EntityStatusChip status={status} />
        <Typography variant="body2" component="span">
          Due <DeadlineLabel deadline={dueAt} state={campaign.state} />
        </Typography>
        {campaign.enforce && (
          <Typography variant="body2" color="textSecondary" component="span">
            Enforced by the deployment gate after the deadline
          </Typography>
        )}
      </Box>
      {status !== 'done' && (
        <CampaignItemsList
          items={items}
          label={`${status === 'exempt' ? 'Exempted' : 'Still needed'} for ${
            campaign.name
          }`}
        />
      )}
    </Box>
  );
}

/**
 * The campaigns that ask something of the entity: each with its due date,
 * the entity's status and what it still needs, with the fixes. A full-width
 * row of the compliance tab's grid, or nothing when no campaign asks
 * anything of the entity.
 */
export function EntityCampaignsCard({
  entity,
  evaluatedAt,
}: {
  entity: CompoundEntityRef;
  /** When the entity was last evaluated: a new evaluation reloads the card. */
  evaluatedAt?: string;
}) {
  const api = useApi(opsreadyApiRef);
  const { value, error } = useAsync(
    () => api.getEntityCampaigns(entity),
    [api, stringifyEntityRef(entity), evaluatedAt],
  );
  if (error) {
    return (
      <Grid item xs={12}>
        <Typography variant="body2" color="textSecondary">
          Campaigns could not be loaded: {errorTitle(error)}
        </Typography>
      </Grid>
    );
  }
  if (!value || value.items.length === 0) return null;
  return (
    <Grid item xs={12}>
      <InfoCard title="Campaigns" subheader="Goals the fleet is asked to reach">
        <Box component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
          {value.items.map(item => (
            <EntityCampaignRow key={item.campaign.id} item={item} />
          ))}
        </Box>
      </InfoCard>
    </Grid>
  );
}
