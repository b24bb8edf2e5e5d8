import { TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import { useState } from 'react';
import {
  CampaignEntity,
  CampaignEntityFilter,
  CampaignEntityStatus,
  opsreadyApiRef,
} from '../../../api/OpsReadyApi';
import { RelativeTime } from '../../RelativeTime';
import { FilterSelect, ServerPagedTable, useCursorPages } from '../../shared';
import { CampaignItemsList } from '../CampaignItemsList';
import { EntityStatusChip } from '../CampaignLabels';
import { ENTITY_STATUS_LABELS, shortRef } from '../campaignWords';
import { ExportButton } from './ExportButton';

const PAGE_SIZE = 25;

const STATUS_OPTIONS = (
  Object.keys(ENTITY_STATUS_LABELS) as CampaignEntityStatus[]
).map(status => ({ value: status, label: ENTITY_STATUS_LABELS[status] }));

const columns: TableColumn<CampaignEntity>[] = [
  { title: 'Entity', render: e => <EntityRefLink entityRef={e.entityRef} /> },
  {
    title: 'Owner',
    render: e =>
      e.owner ? <EntityRefLink entityRef={e.owner} defaultKind="group" /> : '—',
  },
  { title: 'Status', render: e => <EntityStatusChip status={e.status} /> },
  {
    title: 'Still needs',
    render: e =>
      e.status === 'done' ? (
        '—'
      ) : (
        <CampaignItemsList
          items={e.items}
          label={`${
            e.status === 'exempt' ? 'Exempted for' : 'Still needed by'
          } ${shortRef(e.entityRef)}`}
        />
      ),
  },
  { title: 'Since', render: e => <RelativeTime iso={e.since} /> },
];

/**
 * The campaign's entities, those with items left first, each with the
 * checks it still fails, why, and how to fix them; filtered by status and
 * owner on the server.
 */
export function CampaignEntitiesTable(props: {
  campaignId: string;
  /** The teams in scope, to filter by. */
  owners: string[];
}) {
  const { campaignId, owners } = props;
  const api = useApi(opsreadyApiRef);
  const [filter, setFilter] = useState<CampaignEntityFilter>({});
  const pages = useCursorPages(
    cursor =>
      api.getCampaignEntities(campaignId, filter, {
        cursor,
        limit: PAGE_SIZE,
      }),
    [campaignId, filter],
  );
  const total = pages.value?.totalItems;

  return (
    <>
      <Box
        display="flex"
        flexWrap="wrap"
        alignItems="flex-end"
        style={{ gap: 16 }}
        mb={2}
      >
        <FilterSelect
          label="Status"
          value={filter.status ?? ''}
          options={STATUS_OPTIONS}
          onChange={value =>
            setFilter(f => ({
              ...f,
              status: (value || undefined) as CampaignEntityStatus | undefined,
            }))
          }
        />
        <FilterSelect
          label="Owner"
          value={filter.owner ?? ''}
          options={owners.map(o => ({ value: o, label: shortRef(o) }))}
          onChange={value =>
            setFilter(f => ({ ...f, owner: value || undefined }))
          }
        />
        <Box flexGrow={1} />
        <ExportButton campaignId={campaignId} />
      </Box>
      <ServerPagedTable<CampaignEntity>
        title={total === undefined ? 'Entities' : `Entities (${total})`}
        columns={columns}
        pages={pages}
        emptyContent={<Box p={2}>No entity matches these filters.</Box>}
      />
    </>
  );
}
