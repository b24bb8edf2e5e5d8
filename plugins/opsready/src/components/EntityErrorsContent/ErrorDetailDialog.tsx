import {
  stringifyEntityRef,
  CompoundEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  ErrorEvent,
  opsreadyErrorsResolvePermission,
} from '@opsready/plugin-opsready-common';
import { useState } from 'react';
import { opsreadyApiRef } from '../../api/OpsReadyApi';
import { errorTitle } from '../errorTitle';
import { RelativeTime } from '../RelativeTime';
import { SeverityLabel } from '../shared';

/**
 * One error in full: stack trace, impacts, the deployment it followed, and
 * "Resolve" with notes for users allowed to.
 */
export function ErrorDetailDialog(props: {
  entity: CompoundEntityRef;
  error: ErrorEvent;
  onClose: () => void;
  onResolved: (resolved: ErrorEvent) => void;
}) {
  const { entity, error, onClose, onResolved } = props;
  const api = useApi(opsreadyApiRef);
  const { allowed: mayResolve } = usePermission({
    permission: opsreadyErrorsResolvePermission,
    resourceRef: stringifyEntityRef(entity),
  });
  const [notes, setNotes] = useState('');
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string>();

  const resolve = async () => {
    setSaving(true);
    setFailure(undefined);
    try {
      onResolved(await api.resolveError(error.id, notes.trim() || undefined));
    } catch (e) {
      setFailure(errorTitle(e as Error));
      setSaving(false);
    }
  };

  return (
    <Dialog
      open
      onClose={onClose}
      maxWidth="md"
      fullWidth
      aria-labelledby="opsready-error-title"
    >
      <DialogTitle id="opsready-error-title">{error.message}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" component="div" paragraph>
          <SeverityLabel severity={error.severity} /> · {error.category} ·{' '}
          {error.environment}
          {error.code && <> · {error.code}</>}
          {error.stage && <> · {error.stage}</>}
        </Typography>
        <Typography variant="body2" paragraph>
          Seen {error.count} {error.count === 1 ? 'time' : 'times'}, first{' '}
          <RelativeTime iso={error.firstSeenAt} />, last{' '}
          <RelativeTime iso={error.lastSeenAt} />. Status: {error.status}
          {error.resolvedBy && ` (by ${error.resolvedBy})`}.
        </Typography>
        {error.resolutionNotes && (
          <Typography variant="body2" paragraph>
            Resolution notes: {error.resolutionNotes}
          </Typography>
        )}
        {error.userImpact && (
          <Typography variant="body2" paragraph>
            User impact: {error.userImpact}
          </Typography>
        )}
        {error.businessImpact && (
          <Typography variant="body2" paragraph>
            Business impact: {error.businessImpact}
          </Typography>
        )}
        {error.deploymentId && (
          <Typography variant="body2" paragraph>
            Followed deployment {error.deploymentId} within the correlation
            window.
          </Typography>
        )}
        {error.stackTrace && (
          <Box mb={2}>
            <Typography variant="subtitle2">Stack trace</Typography>
            <Box
              component="pre"
              p={1}
              bgcolor="background.default"
              style={{ overflowX: 'auto', whiteSpace: 'pre' }}
            >
              {error.stackTrace}
            </Box>
          </Box>
        )}
        {mayResolve && error.status === 'open' && (
          <TextField
            id="opsready-resolution-notes"
            label="Resolution notes"
            value={notes}
            onChange={e => setNotes(e.target.value)}
            fullWidth
            multiline
            margin="normal"
          />
        )}
        {failure && (
          <Typography color="error" role="alert">
            {failure}
          </Typography>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
        {mayResolve && error.status === 'open' && (
          <Button
            color="primary"
            variant="contained"
            disabled={saving}
            onClick={resolve}
          >
            Resolve
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
