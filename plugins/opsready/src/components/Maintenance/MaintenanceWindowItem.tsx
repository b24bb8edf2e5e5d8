import { parseEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import IconButton from '@material-ui/core/IconButton';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import DeleteIcon from '@material-ui/icons/Delete';
import {
  ListedMaintenanceWindow,
  opsreadyMaintenanceManagePermission,
} from '@opsready/plugin-opsready-common';
import { useState } from 'react';
import { opsreadyApiRef } from '../../api/OpsReadyApi';
import { errorTitle } from '../errorTitle';
import { notAllowedReasons, WhyNotAllowed } from '../shared';
import { describeRecurrence, describeWhen } from './maintenanceWords';

/**
 * One window: its reason, when it is in force, how it repeats, what it
 * covers, and a delete button for whoever may manage the entity (or the
 * System) it is on.
 */
export function MaintenanceWindowItem(props: {
  window: ListedMaintenanceWindow;
  /** The normalized ref of the entity whose page this is. */
  entityRef: string;
  onDeleted: () => void;
}) {
  const { window, entityRef, onDeleted } = props;
  const api = useApi(opsreadyApiRef);
  const { allowed } = usePermission({
    permission: opsreadyMaintenanceManagePermission,
    resourceRef: window.targetRef,
  });
  const [deleting, setDeleting] = useState(false);
  const [failure, setFailure] = useState<string>();
  const inherited = window.targetRef !== entityRef;
  const recurrence = describeRecurrence(window);

  const remove = async () => {
    setDeleting(true);
    setFailure(undefined);
    try {
      await api.deleteMaintenanceWindow(window.id);
      onDeleted();
    } catch (e) {
      setFailure(`Could not delete: ${errorTitle(e as Error)}`);
      setDeleting(false);
    }
  };

  return (
    <ListItem divider aria-label={`Maintenance window: ${window.reason}`}>
      <ListItemText
        primary={
          <Box
            display="flex"
            flexWrap="wrap"
            alignItems="center"
            style={{ gap: 8 }}
          >
            <span>{window.reason}</span>
            <Chip
              size="small"
              color={window.active ? 'secondary' : 'default'}
              label={window.active ? 'In force' : 'Upcoming'}
            />
            <Chip
              size="small"
              variant="outlined"
              label={window.environment ?? 'All environments'}
            />
            {inherited && (
              <Chip
                size="small"
                variant="outlined"
                label={`System ${parseEntityRef(window.targetRef).name}`}
              />
            )}
            {window.source === 'deployment' && (
              <Chip size="small" variant="outlined" label="Deployment" />
            )}
          </Box>
        }
        secondary={
          <>
            {describeWhen(window)}
            {recurrence && (
              <>
                <br />
                {recurrence}
              </>
            )}
            {failure && (
              <Typography
                component="span"
                variant="body2"
                color="error"
                role="alert"
                display="block"
              >
                {failure}
              </Typography>
            )}
          </>
        }
      />
      <WhyNotAllowed
        reason={
          allowed
            ? undefined
            : notAllowedReasons.deleteMaintenance(window.targetRef)
        }
      >
        <IconButton
          aria-label={`Delete maintenance window: ${window.reason}`}
          onClick={remove}
          disabled={deleting || !allowed}
        >
          <DeleteIcon />
        </IconButton>
      </WhyNotAllowed>
    </ListItem>
  );
}
