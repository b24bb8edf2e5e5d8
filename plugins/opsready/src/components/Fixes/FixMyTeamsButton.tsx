import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { opsreadyApiRef } from '../../api/OpsReadyApi';
import { errorTitle } from '../errorTitle';
import { FixAllInScopeButton } from './FixAllInScopeButton';

/**
 * "Fix all in scope for my team" on a campaign's page: the open entities
 * of the signed-in user's teams in this campaign, as the teams' campaign
 * items list them.
 */
export function FixMyTeamsButton({ campaignId }: { campaignId: string }) {
  const api = useApi(opsreadyApiRef);
  const identityApi = useApi(identityApiRef);
  const entities = useAsync(async () => {
    const { ownershipEntityRefs } = await identityApi.getBackstageIdentity();
    const teams = ownershipEntityRefs.filter(ref => ref.startsWith('group:'));
    const perTeam = await Promise.all(teams.map(t => api.getCampaignItems(t)));
    return {
      teams: teams.length,
      entities: perTeam.flatMap(team =>
        team.items
          .filter(item => item.campaign.id === campaignId)
          .flatMap(item => item.entities),
      ),
    };
  }, [api, identityApi, campaignId]);

  let unavailable: string | undefined;
  if (entities.loading) {
    unavailable = "Looking for your teams' entities…";
  } else if (entities.error) {
    unavailable = `Your teams' entities could not be read: ${errorTitle(
      entities.error,
    )}`;
  } else if (entities.value?.teams === 0) {
    unavailable = 'You are not a member of any team.';
  } else if (entities.value?.entities.length === 0) {
    unavailable = 'Your teams have nothing left in this campaign.';
  }

  return (
    <FixAllInScopeButton
      label="Fix all in scope for my team"
      entities={entities.value?.entities}
      unavailable={unavailable}
    />
  );
}
