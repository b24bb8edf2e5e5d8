import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import Checkbox from '@material-ui/core/Checkbox';
import Dialog from '@material-ui/core/Dialog';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormHelperText from '@material-ui/core/FormHelperText';
import TextField from '@material-ui/core/TextField';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import {
  Campaign,
  CampaignSaved,
  opsreadyApiRef,
} from '../../../api/OpsReadyApi';
import { errorTitle } from '../../errorTitle';
import { DialogFailure, DialogSubmitActions } from '../../shared';
import {
  CampaignFormValues,
  campaignInputOf,
  campaignPatchOf,
  FieldProblems,
  formProblems,
  formValuesOf,
} from './campaignForm';
import { problemsByField } from './fieldProblems';
import { GoalFields } from './GoalFields';
import { MarkdownField } from './MarkdownField';
import { ScopeFields } from './ScopeFields';
import { ScopePreview } from './ScopePreview';
import { useCampaignPreview } from './useCampaignPreview';

const NO_PROBLEMS = { fields: {} as FieldProblems, rest: [] as string[] };

/**
 * Launches a campaign, or edits `campaign`. The form checks what it can
 * (a name, an owner, a goal, a deadline after the start); the backend's
 * preview counts what the scope matches as it changes; and the backend's
 * refusal is shown by the fields it names, the rest at the top.
 */
export function CampaignFormDialog(props: {
  campaign?: Campaign;
  onClose: () => void;
  onSaved: (saved: CampaignSaved) => void;
}) {
  const { campaign, onClose, onSaved } = props;
  const api = useApi(opsreadyApiRef);
  const catalog = useAsync(() => api.getChecks(), [api]);
  const [values, setValues] = useState<CampaignFormValues>(() =>
    formValuesOf(campaign),
  );
  const [attempted, setAttempted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [refused, setRefused] = useState(NO_PROBLEMS);
  const preview = useCampaignPreview(values);

  const ownProblems = formProblems(values);
  const problems: FieldProblems = {
    ...(preview.status === 'refused' ? preview.fields : {}),
    ...refused.fields,
    ...(attempted ? ownProblems : {}),
  };
  const update = (patch: Partial<CampaignFormValues>) => {
    setValues(v => ({ ...v, ...patch }));
    setRefused(NO_PROBLEMS);
  };

  const save = async () => {
    setAttempted(true);
    if (Object.keys(ownProblems).length > 0) return;
    setSaving(true);
    setRefused(NO_PROBLEMS);
    try {
      const input = campaignInputOf(values);
      onSaved(
        campaign
          ? await api.updateCampaign(
              campaign.id,
              campaignPatchOf(campaign, input),
            )
          : await api.createCampaign(input),
      );
    } catch (e) {
      const message = errorTitle(e as Error);
      setRefused(
        (e as ResponseError).statusCode === 400
          ? problemsByField(message)
          : { fields: {}, rest: [message] },
      );
      setSaving(false);
    }
  };

  const textField = (
    field: 'name' | 'owner' | 'description',
    label: string,
    extra: { helperText?: string; multiline?: boolean; required?: boolean },
  ) => (
    <TextField
      id={`opsready-campaign-${field}`}
      label={label}
      value={values[field]}
      onChange={e => update({ [field]: e.target.value })}
      fullWidth
      margin="dense"
      required={extra.required}
      multiline={extra.multiline}
      minRows={extra.multiline ? 2 : undefined}
      error={Boolean(problems[field])}
      helperText={problems[field] ?? extra.helperText}
    />
  );

  return (
    <Dialog
      open
      onClose={onClose}
      aria-labelledby="opsready-campaign-form"
      fullWidth
      maxWidth="md"
    >
      <DialogTitle id="opsready-campaign-form">
        {campaign ? `Edit ${campaign.name}` : 'Launch a campaign'}
      </DialogTitle>
      <DialogContent>
        <DialogFailure failure={refused.rest.join('; ') || undefined} />
        {textField('name', 'Name', { required: true })}
        {textField('owner', 'Owner group', {
          required: true,
          helperText:
            'The group that runs the campaign, e.g. group:default/platform',
        })}
        {textField('description', 'Description', {
          multiline: true,
          helperText: 'What is asked, in Markdown',
        })}
        <MarkdownField
          label="Why it matters"
          value={values.rationale}
          onChange={rationale => update({ rationale })}
          helperText="Shown to every team asked, in Markdown"
          error={problems.rationale}
        />
        <GoalFields
          catalog={catalog.value}
          catalogError={catalog.error && errorTitle(catalog.error)}
          checks={values.checks}
          minLevel={values.minLevel}
          onChecks={checks => update({ checks })}
          onMinLevel={minLevel => update({ minLevel })}
          problems={problems}
        />
        <ScopeFields
          scope={values.scope}
          onChange={(field, list) =>
            update({ scope: { ...values.scope, [field]: list } })
          }
          problems={problems}
        />
        <ScopePreview state={preview} />
        {(['startsAt', 'deadline'] as const).map(field => (
          <TextField
            key={field}
            id={`opsready-campaign-${field}`}
            label={field === 'startsAt' ? 'Starts' : 'Deadline'}
            type="datetime-local"
            value={values[field]}
            onChange={e => update({ [field]: e.target.value })}
            fullWidth
            required
            margin="dense"
            InputLabelProps={{ shrink: true }}
            error={Boolean(problems[field])}
            helperText={problems[field]}
          />
        ))}
        <FormControlLabel
          control={
            <Checkbox
              checked={values.enforce}
              onChange={e => update({ enforce: e.target.checked })}
            />
          }
          label="Enforce at the deadline"
        />
        <FormHelperText error={Boolean(problems.enforce)}>
          {problems.enforce ??
            'After the deadline, the deployment gate fails entities with items left.'}
        </FormHelperText>
      </DialogContent>
      <DialogSubmitActions
        dismissLabel="Cancel"
        onDismiss={onClose}
        submit={{
          label: campaign ? 'Save' : 'Launch',
          onClick: save,
          saving,
        }}
      />
    </Dialog>
  );
}
