import { EmptyState, Link, TableColumn } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import { opsreadyCampaignsManagePermission } from '@opsready/plugin-opsready-common';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import {
  CampaignSaved,
  CampaignState,
  CampaignSummary,
  opsreadyApiRef,
} from '../../api/OpsReadyApi';
import { campaignRouteRef } from '../../routes';
import { FilterSelect, ServerPagedTable, useCursorPages } from '../shared';
import { CampaignFormDialog } from './CampaignForm/CampaignFormDialog';
import {
  AtRiskMark,
  CampaignProgressBar,
  CampaignStateChip,
  DeadlineLabel,
} from './CampaignLabels';
import { STATE_LABELS } from './campaignWords';

const PAGE_SIZE = 25;

const STATE_OPTIONS = (Object.keys(STATE_LABELS) as CampaignState[]).map(
  state => ({ value: state, label: STATE_LABELS[state] }),
);

function useColumns(): TableColumn<CampaignSummary>[] {
  const campaignLink = useRouteRef(campaignRouteRef);
  return [
    {
      title: 'Campaign',
      render: c => <Link to={campaignLink({ id: c.id })}>{c.name}</Link>,
    },
    {
      title: 'Owner',
      render: c => <EntityRefLink entityRef={c.owner} defaultKind="group" />,
    },
    { title: 'State', render: c => <CampaignStateChip state={c.state} /> },
    {
      title: 'Progress',
      render: c => <CampaignProgressBar figures={c.figures} label={c.name} />,
    },
    {
      title: 'Deadline',
      render: c => <DeadlineLabel deadline={c.deadline} state={c.state} />,
    },
    {
      title: 'At risk',
      render: c =>
        c.projection.atRisk && c.state !== 'ended' ? <AtRiskMark /> : null,
    },
  ];
}

/** The button that opens the launch form; only for who may launch. */
function LaunchButton({ onClick }: { onClick: () => void }) {
  const { allowed } = usePermission({
    permission: opsreadyCampaignsManagePermission,
  });
  if (!allowed) return null;
  return (
    <Button color="primary" variant="contained" onClick={onClick}>
      Launch a campaign
    </Button>
  );
}

/**
 * The campaigns, running ones first: each with its owner, state, progress,
 * deadline and whether it is at risk; filtered by state on the server.
 */
export function CampaignsList() {
  const api = useApi(opsreadyApiRef);
  const navigate = useNavigate();
  const campaignLink = useRouteRef(campaignRouteRef);
  const columns = useColumns();
  const [state, setState] = useState<CampaignState | ''>('');
  const [launching, setLaunching] = useState(false);
  const pages = useCursorPages(
    cursor =>
      api.getCampaigns(state ? { state } : {}, { cursor, limit: PAGE_SIZE }),
    [state],
  );
  const launch = () => setLaunching(true);
  const onLaunched = (saved: CampaignSaved) => {
    setLaunching(false);
    navigate(campaignLink({ id: saved.campaign.id }), {
      state: { warnings: saved.warnings },
    });
  };
  const nothingYet =
    !state && pages.value?.items.length === 0 && pages.pageNumber === 1;

  return (
    <>
      {nothingYet ? (
        <EmptyState
          missing="content"
          title="No campaigns yet"
          description="A campaign asks the fleet to reach a goal - checks that pass, a level - by a deadline, and follows each team's progress."
          action={<LaunchButton onClick={launch} />}
        />
      ) : (
        <>
          <Box
            display="flex"
            justifyContent="space-between"
            alignItems="flex-end"
            mb={2}
          >
            <FilterSelect
              label="State"
              value={state}
              options={STATE_OPTIONS}
              onChange={value => setState(value as CampaignState | '')}
            />
            <LaunchButton onClick={launch} />
          </Box>
          <ServerPagedTable<CampaignSummary>
            title="Campaigns"
            columns={columns}
            pages={pages}
            emptyContent={
              <Box p={2}>
                {state
                  ? `No campaign is ${STATE_LABELS[state].toLowerCase()}.`
                  : 'No campaigns.'}
              </Box>
            }
          />
        </>
      )}
      {launching && (
        <CampaignFormDialog
          onClose={() => setLaunching(false)}
          onSaved={onLaunched}
        />
      )}
    </>
  );
}
