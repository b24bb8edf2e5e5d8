import { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import Dialog from '@material-ui/core/Dialog';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { EntityCheck } from '@opsready/plugin-opsready-common';
import { DateTime } from 'luxon';
import { useState } from 'react';
import { opsreadyApiRef } from '../../api/OpsReadyApi';
import { DialogFailure, DialogSubmitActions, useDialogSubmit } from '../shared';

/**
 * Grants an exemption from one check, or asks for one: a reason and an
 * expiry (at most a year ahead, as the backend enforces). A grant
 * re-evaluates the entity; a request waits for someone allowed to decide.
 */
export function ExemptionDialog(props: {
  entity: CompoundEntityRef;
  check: EntityCheck;
  /** `grant` for users who may manage exemptions, `request` for the others. */
  mode: 'grant' | 'request';
  onClose: () => void;
  onDone: () => void;
}) {
  const { entity, check, mode, onClose, onDone } = props;
  const api = useApi(opsreadyApiRef);
  const [reason, setReason] = useState('');
  const [expires, setExpires] = useState(
    DateTime.now().plus({ days: 30 }).toISODate()!,
  );
  const reasonTooShort = reason.trim().length < 3;
  const grant = useDialogSubmit(async () => {
    const exemption = {
      checkId: check.id,
      reason: reason.trim(),
      expiresAt: DateTime.fromISO(expires).endOf('day').toUTC().toISO()!,
    };
    if (mode === 'grant') {
      await api.createExemption(entity, exemption);
    } else {
      await api.requestExemption(entity, exemption);
    }
    onDone();
  });

  return (
    <Dialog open onClose={onClose} aria-labelledby="opsready-exemption-title">
      <DialogTitle id="opsready-exemption-title">
        {mode === 'grant' ? 'Exempt from' : 'Ask to exempt from'} “{check.title}
        ”
      </DialogTitle>
      <DialogContent>
        <Typography variant="body2" paragraph>
          {mode === 'grant'
            ? 'The check drops out of the score until the exemption expires.'
            : 'Someone allowed to manage exemptions grants or declines the request; until then the check counts as it is.'}
        </Typography>
        <TextField
          id="opsready-exemption-reason"
          label="Reason"
          value={reason}
          onChange={e => setReason(e.target.value)}
          fullWidth
          multiline
          required
          margin="normal"
          helperText="Why this service may skip the check, for the next reader"
        />
        <TextField
          id="opsready-exemption-expires"
          label="Expires on"
          type="date"
          value={expires}
          onChange={e => setExpires(e.target.value)}
          fullWidth
          margin="normal"
          InputLabelProps={{ shrink: true }}
          inputProps={{
            min: DateTime.now().plus({ days: 1 }).toISODate(),
            max: DateTime.now().plus({ days: 365 }).toISODate(),
          }}
        />
        <DialogFailure failure={grant.failure} />
      </DialogContent>
      <DialogSubmitActions
        dismissLabel="Cancel"
        onDismiss={onClose}
        submit={{
          label: mode === 'grant' ? 'Grant exemption' : 'Send request',
          onClick: grant.submit,
          saving: grant.saving,
          disabled: reasonTooShort,
        }}
      />
    </Dialog>
  );
}
