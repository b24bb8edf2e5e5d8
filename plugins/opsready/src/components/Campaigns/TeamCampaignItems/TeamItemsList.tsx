import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { TeamCampaignItems } from '../../../api/OpsReadyApi';
import { FixAllInScopeButton } from '../../Fixes';
import { CampaignItemsList } from '../CampaignItemsList';
import { AtRiskMark, DeadlineLabel } from '../CampaignLabels';
import { CampaignLink } from '../CampaignLink';
import { shortRef } from '../campaignWords';

/**
 * A team's open campaign items, by campaign (soonest deadline first, as
 * the backend orders them): each of its entities with what it still needs.
 */
export function TeamItemsList({ items }: { items: TeamCampaignItems[] }) {
  return (
    <Box component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
      {items.map(({ campaign, entities }) => (
        <Box component="li" key={campaign.id} mb={2}>
          <Box
            display="flex"
            alignItems="center"
            flexWrap="wrap"
            style={{ gap: 8 }}
          >
            <Typography variant="subtitle1" component="h4">
              <CampaignLink id={campaign.id} name={campaign.name} />
            </Typography>
            <Typography variant="body2" component="span">
              Due{' '}
              <DeadlineLabel
                deadline={campaign.deadline}
                state={campaign.state}
              />
            </Typography>
            {campaign.atRisk && <AtRiskMark />}
            <FixAllInScopeButton label="Fix all fixable" entities={entities} />
          </Box>
          <Box
            component="ul"
            pl={2}
            aria-label={`Entities left in ${campaign.name}`}
          >
            {entities.map(entity => (
              <Box component="li" key={entity.entityRef} mb={1}>
                <EntityRefLink entityRef={entity.entityRef} />
                <CampaignItemsList
                  items={entity.items}
                  label={`Still needed by ${shortRef(entity.entityRef)}`}
                />
              </Box>
            ))}
          </Box>
        </Box>
      ))}
    </Box>
  );
}
