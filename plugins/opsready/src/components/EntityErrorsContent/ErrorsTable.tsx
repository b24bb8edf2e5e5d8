import { CompoundEntityRef } from '@backstage/catalog-model';
import { TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import {
  ERROR_CATEGORIES,
  ERROR_SEVERITIES,
  ERROR_STATUSES,
  ServiceError,
} from '@opsready/plugin-opsready-common';
import { useState } from 'react';
import { ErrorFilter, opsreadyApiRef } from '../../api/OpsReadyApi';
import { RelativeTime } from '../RelativeTime';
import {
  FilterSelect,
  ServerPagedTable,
  SeverityLabel,
  useCursorPages,
} from '../shared';
import { ErrorDetailDialog } from './ErrorDetailDialog';

const PAGE_SIZE = 25;

/**
 * The entity's errors grouped by fingerprint, latest sighting first, with
 * filters; a row opens the error in full.
 */
export function ErrorsTable(props: {
  entity: CompoundEntityRef;
  environments: string[];
  range: { from: string; to: string };
  onResolved: () => void;
}) {
  const { entity, environments, range, onResolved } = props;
  const api = useApi(opsreadyApiRef);
  const [filter, setFilter] = useState<ErrorFilter>({ status: 'open' });
  const [selected, setSelected] = useState<ServiceError>();
  const pages = useCursorPages(
    cursor =>
      api.getErrors(
        entity,
        { ...filter, ...range, view: 'grouped' },
        { cursor, limit: PAGE_SIZE },
      ),
    [entity.kind, entity.namespace, entity.name, filter, range],
  );
  const set = (key: keyof ErrorFilter) => (value: string) =>
    setFilter(f => ({ ...f, [key]: value || undefined }));
  const filters: Array<[string, keyof ErrorFilter, ReadonlyArray<string>]> = [
    ['Severity', 'severity', ERROR_SEVERITIES],
    ['Category', 'category', ERROR_CATEGORIES],
    ['Status', 'status', ERROR_STATUSES],
    ['Environment', 'environment', environments],
  ];

  const columns: TableColumn<ServiceError>[] = [
    { title: 'Severity', render: e => <SeverityLabel severity={e.severity} /> },
    {
      title: 'Error',
      // The message is what a reader scans for; the other columns are short.
      width: '40%',
      cellStyle: { minWidth: 280 },
      render: e => (
        <Button
          variant="text"
          size="small"
          style={{ textTransform: 'none', textAlign: 'left' }}
          onClick={() => setSelected(e)}
        >
          {e.message}
        </Button>
      ),
    },
    { title: 'Category', field: 'category' },
    { title: 'Environment', field: 'environment' },
    { title: 'Count', field: 'count', type: 'numeric' },
    { title: 'First seen', render: e => <RelativeTime iso={e.firstSeenAt} /> },
    { title: 'Last seen', render: e => <RelativeTime iso={e.lastSeenAt} /> },
    {
      title: 'Status',
      render: e => (e.status === 'open' ? 'Open' : 'Resolved'),
    },
  ];

  return (
    <>
      <Box display="flex" flexWrap="wrap" style={{ gap: 16 }} mb={1}>
        {filters.map(([label, key, options]) => (
          <FilterSelect
            key={key}
            label={label}
            value={filter[key] ?? ''}
            options={options}
            onChange={set(key)}
          />
        ))}
      </Box>
      <ServerPagedTable<ServiceError>
        title="Errors"
        columns={columns}
        pages={pages}
        emptyContent={<Box p={2}>No error matches these filters.</Box>}
      />
      {selected && (
        <ErrorDetailDialog
          entity={entity}
          error={selected}
          onClose={() => setSelected(undefined)}
          onResolved={() => {
            setSelected(undefined);
            pages.retry();
            onResolved();
          }}
        />
      )}
    </>
  );
}
