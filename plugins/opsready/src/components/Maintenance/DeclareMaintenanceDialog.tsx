import { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import Checkbox from '@material-ui/core/Checkbox';
import Dialog from '@material-ui/core/Dialog';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  MaintenanceWindow,
  NewMaintenanceWindow,
} from '@opsready/plugin-opsready-common';
import { DateTime } from 'luxon';
import { useState } from 'react';
import { opsreadyApiRef } from '../../api/OpsReadyApi';
import {
  DialogFailure,
  DialogSubmitActions,
  fromDateTimeField,
  toDateTimeField,
  useDialogSubmit,
} from '../shared';

/** What a window may be declared on: the entity, or the system it belongs to. */
export interface MaintenanceTarget {
  ref: CompoundEntityRef;
  label: string;
}

const toField = toDateTimeField;
const fromField = fromDateTimeField;

const browserZone = () => new Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * Declares a maintenance window: start, end and reason, for one environment
 * or all, and optionally repeating on a cron in a time zone. The backend
 * judges the rest (end after start, at most 31 days, the cron) and its
 * message is shown, so the user can correct and submit again.
 */
export function DeclareMaintenanceDialog(props: {
  /** The first is the default: the entity whose page this is. */
  targets: MaintenanceTarget[];
  onClose: () => void;
  onDone: (window: MaintenanceWindow) => void;
}) {
  const { targets, onClose, onDone } = props;
  const api = useApi(opsreadyApiRef);
  const now = DateTime.now().startOf('minute');
  const [target, setTarget] = useState(0);
  const [startsAt, setStartsAt] = useState(toField(now));
  const [endsAt, setEndsAt] = useState(toField(now.plus({ hours: 1 })));
  const [reason, setReason] = useState('');
  const [environment, setEnvironment] = useState('');
  const [repeats, setRepeats] = useState(false);
  const [cron, setCron] = useState('0 2 * * 6');
  const [timeZone, setTimeZone] = useState(browserZone());
  const [until, setUntil] = useState('');

  const incomplete = reason.trim().length < 3 || !startsAt || !endsAt;
  const declare = useDialogSubmit(async () => {
    const window: NewMaintenanceWindow = {
      startsAt: fromField(startsAt),
      endsAt: fromField(endsAt),
      reason: reason.trim(),
      ...(environment.trim() ? { environment: environment.trim() } : {}),
      ...(repeats
        ? {
            cron: cron.trim(),
            timeZone: timeZone.trim(),
            ...(until ? { until: fromField(until) } : {}),
          }
        : {}),
    };
    onDone(await api.createMaintenanceWindow(targets[target].ref, window));
  });

  return (
    <Dialog
      open
      onClose={onClose}
      aria-labelledby="opsready-maintenance-title"
      fullWidth
    >
      <DialogTitle id="opsready-maintenance-title">
        Declare maintenance
      </DialogTitle>
      <DialogContent>
        <Typography variant="body2" paragraph>
          While the window is in force, health and error notifications are held
          and its time is left out of uptime.
        </Typography>
        {targets.length > 1 && (
          <TextField
            id="opsready-maintenance-target"
            label="Applies to"
            select
            SelectProps={{ native: true }}
            value={String(target)}
            onChange={e => setTarget(Number(e.target.value))}
            fullWidth
            margin="normal"
          >
            {targets.map((t, i) => (
              <option key={t.label} value={i}>
                {t.label}
              </option>
            ))}
          </TextField>
        )}
        <TextField
          id="opsready-maintenance-starts"
          label="Starts"
          type="datetime-local"
          value={startsAt}
          onChange={e => setStartsAt(e.target.value)}
          fullWidth
          required
          margin="normal"
          InputLabelProps={{ shrink: true }}
        />
        <TextField
          id="opsready-maintenance-ends"
          label="Ends"
          type="datetime-local"
          value={endsAt}
          onChange={e => setEndsAt(e.target.value)}
          fullWidth
          required
          margin="normal"
          InputLabelProps={{ shrink: true }}
          helperText="At most 31 days after the start"
        />
        <TextField
          id="opsready-maintenance-reason"
          label="Reason"
          value={reason}
          onChange={e => setReason(e.target.value)}
          fullWidth
          multiline
          required
          margin="normal"
          inputProps={{ maxLength: 500 }}
          helperText="Shown to whoever looks, and with the notifications held"
        />
        <TextField
          id="opsready-maintenance-environment"
          label="Environment"
          value={environment}
          onChange={e => setEnvironment(e.target.value)}
          fullWidth
          margin="normal"
          helperText="Leave empty for every environment"
        />
        <FormControlLabel
          control={
            <Checkbox
              checked={repeats}
              onChange={e => setRepeats(e.target.checked)}
              color="primary"
            />
          }
          label="Repeat on a schedule"
        />
        {repeats && (
          <>
            <TextField
              id="opsready-maintenance-cron"
              label="Cron"
              value={cron}
              onChange={e => setCron(e.target.value)}
              fullWidth
              required
              margin="normal"
              helperText="minute hour day-of-month month day-of-week; 0 2 * * 6 is Saturdays at 02:00. Each occurrence lasts as long as the first."
            />
            <TextField
              id="opsready-maintenance-timezone"
              label="Time zone"
              value={timeZone}
              onChange={e => setTimeZone(e.target.value)}
              fullWidth
              margin="normal"
              helperText="The cron's time zone, e.g. Europe/Berlin"
            />
            <TextField
              id="opsready-maintenance-until"
              label="Repeat until"
              type="datetime-local"
              value={until}
              onChange={e => setUntil(e.target.value)}
              fullWidth
              margin="normal"
              InputLabelProps={{ shrink: true }}
              helperText="Leave empty to repeat until the window is deleted"
            />
          </>
        )}
        <DialogFailure failure={declare.failure} />
      </DialogContent>
      <DialogSubmitActions
        dismissLabel="Cancel"
        onDismiss={onClose}
        submit={{
          label: 'Declare window',
          onClick: declare.submit,
          saving: declare.saving,
          disabled: incomplete,
        }}
      />
    </Dialog>
  );
}
