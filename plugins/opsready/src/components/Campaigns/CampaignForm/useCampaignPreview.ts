import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import { CampaignPreview, opsreadyApiRef } from '../../../api/OpsReadyApi';
import { errorTitle } from '../../errorTitle';
import {
  CampaignFormValues,
  campaignInputOf,
  FieldProblems,
} from './campaignForm';
import { problemsByField } from './fieldProblems';

/** How long the form waits for the typing to stop before it asks again. */
export const PREVIEW_DELAY_MS = 400;

// The preview is about the goal and the scope; the name and owner are
// judged when the campaign is saved. A stand-in name (and owner, until one
// is given) lets it count entities before they are filled in, and typing
// the name does not ask again.
const NAME_STAND_IN = 'Preview';
const OWNER_STAND_IN = 'group:default/preview';

/** The backend's answer to the form as it was (its key), or its refusal. */
type Answer =
  | { key: string; preview: CampaignPreview }
  | { key: string; error: Error };

export type PreviewState =
  | { status: 'idle' }
  | { status: 'counting' }
  | { status: 'counted'; preview: CampaignPreview }
  | { status: 'refused'; fields: FieldProblems; rest: string[] };

/**
 * What the campaign being edited would cover: the backend's preview, asked
 * again a moment after the goal, scope or dates stop changing. Nothing is
 * asked before there is a goal, which the backend would refuse.
 */
export function useCampaignPreview(values: CampaignFormValues): PreviewState {
  const api = useApi(opsreadyApiRef);
  const input = campaignInputOf(values);
  const hasGoal = Boolean(input.goal.checks?.length || input.goal.minLevel);
  const key = hasGoal
    ? JSON.stringify({
        ...input,
        name: NAME_STAND_IN,
        owner: input.owner || OWNER_STAND_IN,
        // Words do not change what the campaign covers.
        description: '',
        rationale: '',
      })
    : '';
  const [asked, setAsked] = useState('');
  useDebounce(() => setAsked(key), PREVIEW_DELAY_MS, [key]);

  // The answer carries the key it answers, so an answer (or refusal) to
  // an earlier state of the form is never shown as the current one's.
  const answer = useAsync(async (): Promise<Answer | undefined> => {
    if (!asked) return undefined;
    try {
      return {
        key: asked,
        preview: await api.previewCampaign(JSON.parse(asked)),
      };
    } catch (error) {
      return { key: asked, error: error as Error };
    }
  }, [api, asked]);

  if (!key) return { status: 'idle' };
  const current = answer.value?.key === key ? answer.value : undefined;
  if (!current) return { status: 'counting' };
  if ('error' in current) {
    const message = errorTitle(current.error);
    if ((current.error as ResponseError).statusCode !== 400) {
      return { status: 'refused', fields: {}, rest: [message] };
    }
    const { fields, rest } = problemsByField(message);
    // A problem with a stand-in is not the user's to fix.
    delete fields.name;
    if (!input.owner) delete fields.owner;
    return { status: 'refused', fields, rest };
  }
  return { status: 'counted', preview: current.preview };
}
