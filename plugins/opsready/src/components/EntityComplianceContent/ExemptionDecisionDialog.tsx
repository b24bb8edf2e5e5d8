import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { EntityCheck } from '@opsready/plugin-opsready-common';
import { DateTime } from 'luxon';
import { useRef, useState } from 'react';
import { opsreadyApiRef } from '../../api/OpsReadyApi';
import { RelativeTime } from '../RelativeTime';
import { DialogFailure, useDialogSubmit } from '../shared';

/**
 * Shows a request for an exemption to someone allowed to decide it, who
 * grants or declines it with an optional note for the requester. A grant
 * re-evaluates the entity.
 */
export function ExemptionDecisionDialog(props: {
  check: EntityCheck & {
    exemptionRequest: NonNullable<EntityCheck['exemptionRequest']>;
  };
  onClose: () => void;
  onDecided: () => void;
}) {
  const { check, onClose, onDecided } = props;
  const request = check.exemptionRequest;
  const api = useApi(opsreadyApiRef);
  const [note, setNote] = useState('');
  // Which button was pressed; a ref, so the submit reads it at once.
  const decision = useRef<'grant' | 'decline'>('grant');
  const decide = useDialogSubmit(async () => {
    await api.decideExemption(request.id, {
      decision: decision.current,
      note: note.trim() || undefined,
    });
    onDecided();
  });
  const submit = (choice: 'grant' | 'decline') => {
    decision.current = choice;
    decide.submit();
  };

  return (
    <Dialog open onClose={onClose} aria-labelledby="opsready-decision-title">
      <DialogTitle id="opsready-decision-title">
        Exemption from “{check.title}”
      </DialogTitle>
      <DialogContent>
        <Typography variant="body2" paragraph>
          {request.createdBy} asked <RelativeTime iso={request.createdAt} /> for
          an exemption until{' '}
          {DateTime.fromISO(request.expiresAt).toLocaleString(
            DateTime.DATE_MED,
          )}
          :
        </Typography>
        <Typography variant="body1" paragraph>
          {request.reason}
        </Typography>
        <TextField
          id="opsready-decision-note"
          label="Note for the requester"
          value={note}
          onChange={e => setNote(e.target.value)}
          fullWidth
          multiline
          margin="normal"
          helperText="Optional; say why when you decline"
        />
        <DialogFailure failure={decide.failure} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button disabled={decide.saving} onClick={() => submit('decline')}>
          Decline
        </Button>
        <Button
          color="primary"
          variant="contained"
          disabled={decide.saving}
          onClick={() => submit('grant')}
        >
          Grant exemption
        </Button>
      </DialogActions>
    </Dialog>
  );
}
