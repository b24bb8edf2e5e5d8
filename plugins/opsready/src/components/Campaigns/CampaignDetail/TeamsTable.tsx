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
    render: t =>
      t.owner ? (
        <EntityRefLink entityRef={t.owner} defaultKind="group" />
      ) : (
        'No owner'
      ),
  },
  { title: 'Left', field: 'open' },
  {
    title: 'Progress',
    render: t => (
      <CampaignProgressBar
        figures={t}
        label={t.owner ? shortRef(t.owner) : 'no owner'}
      />
    ),
  },
];

/**
 * Each team's part of the campaign, the teams with the most left first:
 * they are who the campaign waits for.
 */
export function TeamsTable({ teams }: { teams: CampaignTeam[] }) {
  const sorted = [...teams].sort(
    (a, b) =>
      b.open - a.open ||
      // Entities without an owner last, as the API lists them.
      (a.owner ?? '\uffff').localeCompare(b.owner ?? '\uffff'),
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
