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
// judged when the campaign is saved, so stand-ins let it count entities
// before they are filled in.
const NAME_STAND_IN = 'Preview';
const OWNER_STAND_IN = 'group:default/preview';

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
        name: input.name || NAME_STAND_IN,
        owner: input.owner || OWNER_STAND_IN,
        // Words do not change what the campaign covers.
        description: '',
        rationale: '',
      })
    : '';
  const [asked, setAsked] = useState('');
  useDebounce(() => setAsked(key), PREVIEW_DELAY_MS, [key]);

  const answer = useAsync(
    async () => (asked ? api.previewCampaign(JSON.parse(asked)) : undefined),
    [api, asked],
  );

  if (!key) return { status: 'idle' };
  if (asked !== key || answer.loading) return { status: 'counting' };
  if (answer.error) {
    if ((answer.error as ResponseError).statusCode !== 400) {
      return {
        status: 'refused',
        fields: {},
        rest: [errorTitle(answer.error)],
      };
    }
    const { fields, rest } = problemsByField(errorTitle(answer.error));
    // A problem with a stand-in is not the user's to fix yet.
    if (!input.name) delete fields.name;
    if (!input.owner) delete fields.owner;
    return { status: 'refused', fields, rest };
  }
  return answer.value
    ? { status: 'counted', preview: answer.value }
    : { status: 'counting' };
}
