import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { opsreadyApiRef } from '../../../api/OpsReadyApi';
import { AsyncContent } from '../../shared';
import { TeamItemsList } from './TeamItemsList';

/**
 * The group's open campaign items, for its entity page: which of its
 * entities still need something, for which campaign, and how to fix it.
 *
 * @public
 */
export function EntityOpsReadyCampaignItemsCard() {
  const { entity } = useEntity();
  const api = useApi(opsreadyApiRef);
  const owner = stringifyEntityRef(entity);
  const items = useAsync(() => api.getCampaignItems(owner), [api, owner]);
  return (
    <InfoCard
      title="Campaign items"
      subheader="What the team's entities still need"
    >
      <AsyncContent {...items}>
        {value =>
          value.items.length === 0 ? (
            <Typography variant="body2" color="textSecondary">
              No open campaign items.
            </Typography>
          ) : (
            <TeamItemsList items={value.items} />
          )
        }
      </AsyncContent>
    </InfoCard>
  );
}
