import { CompoundEntityRef } from '@backstage/catalog-model';
import { Link, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import {
  DEPLOYMENT_STATUSES,
  Deployment,
  DeploymentStatus,
} from '@opsready/plugin-opsready-common';
import { useState } from 'react';
import { opsreadyApiRef } from '../../api/OpsReadyApi';
import { RelativeTime } from '../RelativeTime';
import { RollbackEvidenceCell } from './RollbackEvidenceCell';
import {
  DeploymentStatusLabel,
  FilterSelect,
  ServerPagedTable,
  formatDuration,
  useCursorPages,
} from '../shared';

const PAGE_SIZE = 25;

const columns: TableColumn<Deployment>[] = [
  {
    title: 'Started',
    render: d => <RelativeTime iso={d.startedAt} />,
  },
  { title: 'Environment', field: 'environment' },
  {
    title: 'Version',
    render: d => (
      <>
        {d.version}
        {d.previousVersion && (
          <Box component="span" color="text.secondary">
            {' '}
            (from {d.previousVersion})
          </Box>
        )}
      </>
    ),
  },
  { title: 'Status', render: d => <DeploymentStatusLabel status={d.status} /> },
  { title: 'Duration', render: d => formatDuration(d.durationMs) },
  { title: 'Actor', render: d => d.actor ?? '—' },
  {
    title: 'Commit',
    render: d => (d.commitSha ? <code>{d.commitSha.slice(0, 7)}</code> : '—'),
  },
  {
    title: 'Marks',
    render: d => <DeploymentMarks deployment={d} />,
  },
  {
    title: 'Metrics after',
    render: d => <RollbackEvidenceCell deployment={d} />,
  },
  {
    title: 'CI',
    render: d => (d.url ? <Link to={d.url}>Run</Link> : '—'),
  },
];

function DeploymentMarks({ deployment: d }: { deployment: Deployment }) {
  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
      {d.isRollback && <Chip size="small" label="Rollback" />}
      {d.rollbackAdvised && (
        <Tooltip title={d.rollbackAdvisedReason ?? ''}>
          <Chip size="small" color="secondary" label="Rollback advised" />
        </Tooltip>
      )}
      {d.changeFailure && (
        <Tooltip title={d.changeFailureReasons.join(', ')}>
          <Chip size="small" variant="outlined" label="Change failure" />
        </Tooltip>
      )}
    </Box>
  );
}

/**
 * Every deployment of the entity, newest first, paged on the server and
 * filtered by environment and status.
 */
export function DeploymentsTable(props: {
  entity: CompoundEntityRef;
  environments: string[];
}) {
  const { entity, environments } = props;
  const api = useApi(opsreadyApiRef);
  const [environment, setEnvironment] = useState('');
  const [status, setStatus] = useState('');
  const pages = useCursorPages(
    cursor =>
      api.getDeployments(
        entity,
        {
          environment: environment || undefined,
          status: (status || undefined) as DeploymentStatus | undefined,
        },
        { cursor, limit: PAGE_SIZE },
      ),
    [entity.kind, entity.namespace, entity.name, environment, status],
  );
  return (
    <>
      <Box display="flex" style={{ gap: 16 }} mb={1}>
        <FilterSelect
          label="Environment"
          value={environment}
          options={environments}
          onChange={setEnvironment}
        />
        <FilterSelect
          label="Status"
          value={status}
          options={DEPLOYMENT_STATUSES}
          onChange={setStatus}
        />
      </Box>
      <ServerPagedTable<Deployment>
        title="History"
        columns={columns}
        pages={pages}
        emptyContent={<Box p={2}>No deployment matches these filters.</Box>}
      />
    </>
  );
}
