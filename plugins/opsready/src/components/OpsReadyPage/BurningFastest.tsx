import { InfoCard, Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { SloBurning } from '@opsready/plugin-opsready-common';
import useAsync from 'react-use/esm/useAsync';
import { opsreadyApiRef } from '../../api/OpsReadyApi';
import {
  burnRateLabel,
  overspentLabel,
  percent,
  worstAlert,
} from '../EntitySloCard';
import { RelativeTime } from '../RelativeTime';
import { AsyncContent } from '../shared';

const SHOWN = 10;

const columns: TableColumn<SloBurning>[] = [
  {
    title: 'Service',
    render: s => <EntityRefLink entityRef={s.entityRef} title={s.title} />,
  },
  {
    title: 'Burn rate (1 h)',
    render: s => (
      <Box component="span" fontWeight={s.burnRate >= 1 ? 600 : undefined}>
        {burnRateLabel(s.burnRate)}
      </Box>
    ),
  },
  {
    title: 'Budget left',
    render: s => {
      if (s.budgetRemaining === undefined) return '—';
      return s.budgetRemaining > 0 ? (
        percent(s.budgetRemaining)
      ) : (
        <Box component="span" color="error.main" fontWeight={600}>
          {s.budgetRemaining < 0
            ? `Exhausted, ${overspentLabel(s.budgetRemaining)}`
            : 'Exhausted'}
        </Box>
      );
    },
  },
  { title: 'Worst alert', render: s => <WorstAlert service={s} /> },
  { title: 'Measured', render: s => <RelativeTime iso={s.measuredAt} /> },
];

function WorstAlert({ service }: { service: SloBurning }) {
  const alert = worstAlert(service.alerts);
  if (!alert) return <>—</>;
  return (
    <Box display="flex" alignItems="center" style={{ gap: 8 }}>
      <Chip
        size="small"
        color={alert.severity === 'page' ? 'secondary' : 'default'}
        label={alert.severity === 'page' ? 'Page' : 'Ticket'}
      />
      <Typography variant="body2">{alert.message}</Typography>
    </Box>
  );
}

/**
 * The services spending their error budget fastest, by the burn rate over
 * the last hour: where an incident is most likely brewing across the fleet.
 */
export function BurningFastest() {
  const api = useApi(opsreadyApiRef);
  const burning = useAsync(
    () => api.getBurningServices({ limit: SHOWN }),
    [api],
  );
  return (
    <AsyncContent {...burning}>
      {({ items }) =>
        items.length === 0 ? (
          <InfoCard title="Burning fastest">
            <Typography variant="body2" color="textSecondary">
              No service is burning its error budget
            </Typography>
          </InfoCard>
        ) : (
          <Table<SloBurning>
            title="Burning fastest"
            options={{ paging: false, search: false, padding: 'dense' }}
            columns={columns}
            data={items}
          />
        )
      }
    </AsyncContent>
  );
}
