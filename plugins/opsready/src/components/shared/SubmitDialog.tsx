import Button from '@material-ui/core/Button';
import DialogActions from '@material-ui/core/DialogActions';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { errorTitle } from '../errorTitle';
import { WhyNotAllowed } from './WhyNotAllowed';

/**
 * The submit of a dialog that writes to the backend: `saving` while the
 * call runs, and the backend's message as `failure` when it fails, so the
 * user can correct and try again. On success the dialog is expected to
 * close, so `saving` stays set to keep a second click from repeating it.
 */
export function useDialogSubmit(action: () => Promise<void>) {
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string>();
  const submit = async () => {
    setSaving(true);
    setFailure(undefined);
    try {
      await action();
    } catch (e) {
      setFailure(errorTitle(e as Error));
      setSaving(false);
    }
  };
  return { saving, failure, submit };
}

/** Why the last submit failed, announced to screen readers. */
export function DialogFailure({ failure }: { failure?: string }) {
  if (!failure) {
    return null;
  }
  return (
    <Typography color="error" role="alert">
      {failure}
    </Typography>
  );
}

/**
 * A dismiss button and, when the user may act, the primary one that
 * submits; it is disabled while the submit runs.
 */
export function DialogSubmitActions(props: {
  dismissLabel: string;
  onDismiss: () => void;
  submit?: {
    label: string;
    onClick: () => void;
    saving: boolean;
    /** Further reasons to refuse, e.g. a required field left empty. */
    disabled?: boolean;
    /** Why the user may not do this at all: the button is disabled and says so. */
    notAllowed?: string;
  };
}) {
  const { dismissLabel, onDismiss, submit } = props;
  return (
    <DialogActions>
      <Button onClick={onDismiss}>{dismissLabel}</Button>
      {submit && (
        <WhyNotAllowed reason={submit.notAllowed}>
          <Button
            color="primary"
            variant="contained"
            disabled={submit.saving || submit.disabled || !!submit.notAllowed}
            onClick={submit.onClick}
          >
            {submit.label}
          </Button>
        </WhyNotAllowed>
      )}
    </DialogActions>
  );
}
