import { Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import { CampaignTeam } from '../../../api/OpsReadyApi';
import { SERVER_PAGED_TABLE } from '../../shared';
import { CampaignProgressBar } from '../CampaignLabels';
import { shortRef } from '../campaignWords';

const columns: TableColumn<CampaignTeam>[] = [
  {
    title: 'Team',
    render: t => <EntityRefLink entityRef={t.owner} defaultKind="group" />,
  },
  { title: 'Left', field: 'open' },
  {
    title: 'Progress',
    render: t => <CampaignProgressBar figures={t} label={shortRef(t.owner)} />,
  },
];

/**
 * Each team's part of the campaign, the teams with the most left first:
 * they are who the campaign waits for.
 */
export function TeamsTable({ teams }: { teams: CampaignTeam[] }) {
  const sorted = [...teams].sort(
    (a, b) => b.open - a.open || a.owner.localeCompare(b.owner),
  );
  return (
    <Table<CampaignTeam>
      title="Teams by what they have left"
      options={SERVER_PAGED_TABLE}
      columns={columns}
      data={sorted}
      emptyContent={<Box p={2}>No team owns an entity in scope.</Box>}
    />
  );
}
