import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { opsreadyCampaignsManagePermission } from '@opsready/plugin-opsready-common';
import { useState } from 'react';
import {
  CampaignSaved,
  CampaignSummary,
  opsreadyApiRef,
} from '../../../api/OpsReadyApi';
import { errorTitle } from '../../errorTitle';
import {
  DialogFailure,
  DialogSubmitActions,
  useDialogSubmit,
} from '../../shared';
import { CampaignFormDialog } from '../CampaignForm/CampaignFormDialog';

/** Asks before ending: an ended campaign cannot be resumed. */
function EndDialog(props: {
  campaign: CampaignSummary;
  onClose: () => void;
  onEnded: (saved: CampaignSaved) => void;
}) {
  const { campaign, onClose, onEnded } = props;
  const api = useApi(opsreadyApiRef);
  const [note, setNote] = useState('');
  const end = useDialogSubmit(async () => {
    onEnded(
      await api.updateCampaign(campaign.id, {
        state: 'ended',
        ...(note.trim() ? { note: note.trim() } : {}),
      }),
    );
  });
  return (
    <Dialog open onClose={onClose} aria-labelledby="opsready-campaign-end">
      <DialogTitle id="opsready-campaign-end">End {campaign.name}?</DialogTitle>
      <DialogContent>
        <Typography variant="body2" paragraph>
          Ending is final: the teams are no longer reminded, the gate no longer
          enforces it, and it cannot be resumed.
        </Typography>
        <TextField
          id="opsready-campaign-end-note"
          label="Note for the history"
          value={note}
          onChange={e => setNote(e.target.value)}
          fullWidth
          multiline
          inputProps={{ maxLength: 2000 }}
        />
        <DialogFailure failure={end.failure} />
      </DialogContent>
      <DialogSubmitActions
        dismissLabel="Cancel"
        onDismiss={onClose}
        submit={{
          label: 'End campaign',
          onClick: end.submit,
          saving: end.saving,
        }}
      />
    </Dialog>
  );
}

/**
 * Edit, pause, resume and end, for who may manage campaigns; nothing for
 * the others.
 */
export function CampaignActions(props: {
  campaign: CampaignSummary;
  onChanged: (saved: CampaignSaved) => void;
}) {
  const { campaign, onChanged } = props;
  const api = useApi(opsreadyApiRef);
  const { allowed } = usePermission({
    permission: opsreadyCampaignsManagePermission,
  });
  const [open, setOpen] = useState<'edit' | 'end'>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  if (!allowed || campaign.state === 'ended') return null;

  const setState = async (state: 'active' | 'paused') => {
    setBusy(true);
    setFailure(undefined);
    try {
      onChanged(await api.updateCampaign(campaign.id, { state }));
    } catch (e) {
      setFailure(errorTitle(e as Error));
    } finally {
      setBusy(false);
    }
  };
  const done = (saved: CampaignSaved) => {
    setOpen(undefined);
    onChanged(saved);
  };

  return (
    <Box display="flex" flexWrap="wrap" alignItems="center" style={{ gap: 8 }}>
      <Button variant="outlined" onClick={() => setOpen('edit')}>
        Edit
      </Button>
      {campaign.state === 'paused' ? (
        <Button
          variant="outlined"
          disabled={busy}
          onClick={() => setState('active')}
        >
          Resume
        </Button>
      ) : (
        <Button
          variant="outlined"
          disabled={busy}
          onClick={() => setState('paused')}
        >
          Pause
        </Button>
      )}
      <Button
        variant="outlined"
        color="secondary"
        onClick={() => setOpen('end')}
      >
        End
      </Button>
      <DialogFailure failure={failure} />
      {open === 'edit' && (
        <CampaignFormDialog
          campaign={campaign}
          onClose={() => setOpen(undefined)}
          onSaved={done}
        />
      )}
      {open === 'end' && (
        <EndDialog
          campaign={campaign}
          onClose={() => setOpen(undefined)}
          onEnded={done}
        />
      )}
    </Box>
  );
}
