import { Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { DoraMetric } from '@opsready/plugin-opsready-common';
import useAsync from 'react-use/esm/useAsync';
import { OwnerDora, opsreadyApiRef } from '../../api/OpsReadyApi';
import { AsyncContent, SERVER_PAGED_TABLE } from '../shared';

function metric(m: DoraMetric, format: (v: number) => string): string {
  if (m.value === null) return '—';
  return `${format(m.value)}${m.band ? ` (${m.band})` : ''}`;
}

const columns: TableColumn<OwnerDora>[] = [
  {
    title: 'Team',
    render: d => <EntityRefLink entityRef={d.owner} defaultKind="group" />,
  },
  { title: 'Deployments', field: 'deployments', type: 'numeric' },
  {
    title: 'Frequency',
    render: d => metric(d.deploymentFrequency, v => `${v.toFixed(1)}/day`),
  },
  {
    title: 'Lead time',
    render: d => metric(d.leadTimeHours, v => `${v.toFixed(1)} h`),
  },
  {
    title: 'Change failure rate',
    render: d => metric(d.changeFailureRate, v => `${Math.round(v * 100)} %`),
  },
  {
    title: 'Time to restore',
    render: d => metric(d.timeToRestoreHours, v => `${v.toFixed(1)} h`),
  },
];

/** DORA keys per team, in production over the last 30 days. */
export function OwnerDoraTable({ owners }: { owners: string[] }) {
  const api = useApi(opsreadyApiRef);
  const dora = useAsync(
    () => Promise.all(owners.map(owner => api.getOwnerDora(owner))),
    [api, owners.join(',')],
  );
  return (
    <AsyncContent {...dora}>
      {rows => (
        <Table<OwnerDora>
          title="DORA by team"
          subtitle="production, last 30 days"
          options={SERVER_PAGED_TABLE}
          columns={columns}
          data={rows}
        />
      )}
    </AsyncContent>
  );
}
