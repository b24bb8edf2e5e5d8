import { InfoCard } from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { opsreadyApiRef } from '../../../api/OpsReadyApi';
import { AsyncContent } from '../../shared';
import { shortRef } from '../campaignWords';
import { TeamItemsList } from './TeamItemsList';

/**
 * The open campaign items on the fleet page: the owner's the page is
 * filtered by, or else those of the signed-in user's groups. Nothing is
 * shown for the user's groups when they have none, so the fleet page stays
 * quiet for who has nothing to do.
 */
export function FleetCampaignItems({ owner }: { owner?: string }) {
  const api = useApi(opsreadyApiRef);
  const identityApi = useApi(identityApiRef);
  const teams = useAsync(async () => {
    const owners = owner
      ? [owner]
      : (await identityApi.getBackstageIdentity()).ownershipEntityRefs.filter(
          ref => ref.startsWith('group:'),
        );
    return Promise.all(owners.map(o => api.getCampaignItems(o)));
  }, [api, identityApi, owner]);

  const withItems = teams.value?.filter(t => t.items.length > 0) ?? [];
  if (!owner && !teams.error && withItems.length === 0) return null;

  return (
    <Box mb={3}>
      <InfoCard
        title="Open campaign items"
        subheader={owner ? shortRef(owner) : "Your teams' entities"}
      >
        <AsyncContent {...teams}>
          {() =>
            withItems.length === 0 ? (
              <Typography variant="body2" color="textSecondary">
                {shortRef(owner)} has no open campaign items.
              </Typography>
            ) : (
              withItems.map(team => (
                <Box key={team.owner} mb={1}>
                  {withItems.length > 1 && (
                    <Typography variant="subtitle2" component="h3">
                      {shortRef(team.owner)}
                    </Typography>
                  )}
                  <TeamItemsList items={team.items} />
                </Box>
              ))
            )
          }
        </AsyncContent>
      </InfoCard>
    </Box>
  );
}
