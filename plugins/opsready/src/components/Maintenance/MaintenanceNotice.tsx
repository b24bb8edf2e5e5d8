import { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import BuildIcon from '@material-ui/icons/Build';
import useAsync from 'react-use/esm/useAsync';
import { opsreadyApiRef } from '../../api/OpsReadyApi';
import { formatUntil } from './maintenanceWords';

/**
 * "In maintenance until 14:00: database upgrade" while a window of the
 * entity or its system is in force; nothing otherwise. It is a side note of
 * the card it sits in: a failure to read the windows says so in a line and
 * leaves the rest of the card alone.
 */
export function MaintenanceNotice({ entity }: { entity: CompoundEntityRef }) {
  const api = useApi(opsreadyApiRef);
  const { value, error } = useAsync(
    () => api.getMaintenanceWindows(entity),
    [api, entity.kind, entity.namespace, entity.name],
  );
  if (error) {
    return (
      <Typography variant="caption" color="textSecondary" component="p">
        Maintenance windows could not be read.
      </Typography>
    );
  }
  const active = value?.items.find(w => w.active && w.nextOccurrence);
  if (!active) return null;
  return (
    <Box display="flex" alignItems="center" mb={1} style={{ gap: 8 }}>
      <BuildIcon fontSize="small" color="action" />
      <Typography variant="body2" role="status">
        In maintenance until {formatUntil(active.nextOccurrence!.end)}:{' '}
        {active.reason}
      </Typography>
    </Box>
  );
}
