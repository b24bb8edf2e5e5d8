import {
  stringifyEntityRef,
  CompoundEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Dialog from '@material-ui/core/Dialog';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  ErrorDeployment,
  ServiceError,
  opsreadyErrorsResolvePermission,
} from '@opsready/plugin-opsready-common';
import { useState } from 'react';
import { opsreadyApiRef } from '../../api/OpsReadyApi';
import { RelativeTime } from '../RelativeTime';
import {
  DialogFailure,
  DialogSubmitActions,
  notAllowedReasons,
  SeverityLabel,
  useDialogSubmit,
} from '../shared';

/**
 * One error in full: stack trace, impacts, the deployment it followed, and
 * "Resolve" with notes for users allowed to (disabled, saying why, for the
 * others).
 */
export function ErrorDetailDialog(props: {
  entity: CompoundEntityRef;
  error: ServiceError;
  onClose: () => void;
  onResolved: (resolved: ServiceError) => void;
}) {
  const { entity, error, onClose, onResolved } = props;
  const api = useApi(opsreadyApiRef);
  const { allowed: mayResolve } = usePermission({
    permission: opsreadyErrorsResolvePermission,
    resourceRef: stringifyEntityRef(entity),
  });
  const [notes, setNotes] = useState('');
  const resolve = useDialogSubmit(async () =>
    onResolved(await api.resolveError(error.id, notes.trim() || undefined)),
  );
  const mayResolveThis = mayResolve && error.status === 'open';

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
            <FollowedDeployment deployment={error.deployment} />
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
        {mayResolveThis && (
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
        <DialogFailure failure={resolve.failure} />
      </DialogContent>
      <DialogSubmitActions
        dismissLabel="Close"
        onDismiss={onClose}
        submit={
          error.status === 'open'
            ? {
                label: 'Resolve',
                onClick: resolve.submit,
                saving: resolve.saving,
                notAllowed: mayResolve
                  ? undefined
                  : notAllowedReasons.resolveError,
              }
            : undefined
        }
      />
    </Dialog>
  );
}

/**
 * The deployment an error followed, as its reader asks about it: which
 * version, where, and when it finished. Retention may have deleted it.
 */
function FollowedDeployment({ deployment }: { deployment?: ErrorDeployment }) {
  if (!deployment) {
    return <>Followed a deployment that is no longer kept.</>;
  }
  const { version, environment, finishedAt } = deployment;
  return (
    <>
      Followed the deployment of {version} to {environment}
      {finishedAt ? (
        <>
          , finished <RelativeTime iso={finishedAt} />
        </>
      ) : (
        <>
          , started <RelativeTime iso={deployment.startedAt} />
        </>
      )}
      .
    </>
  );
}
