/*
 * A stored campaign as the API shows it: its state as the people asked see
 * it, and its figures with the projection at the recent rate.
 */
import { NotFoundError } from '@backstage/errors';
import {
  CampaignFigures,
  CampaignState,
  CampaignSummary,
} from '@opsready/plugin-opsready-common';
import { projectCompletion } from './projection';
import { CampaignsStore, StoredCampaign } from './types';

/** `scheduled` for an active campaign whose start is still ahead. */
export function shownState(
  campaign: Pick<StoredCampaign, 'state' | 'startsAt'>,
  now: Date,
): CampaignState {
  return campaign.state === 'active' &&
    Date.parse(campaign.startsAt) > now.getTime()
    ? 'scheduled'
    : campaign.state;
}

/** The campaign, or a 404 naming it. */
export async function campaignOr404(
  store: Pick<CampaignsStore, 'getCampaign'>,
  id: string,
): Promise<StoredCampaign> {
  const campaign = await store.getCampaign(id);
  if (!campaign) throw new NotFoundError(`No campaign ${id}`);
  return campaign;
}

export function toSummary(
  campaign: StoredCampaign,
  figures: CampaignFigures,
  projection: CampaignSummary['projection'],
  now: Date,
): CampaignSummary {
  const { computedAt, state: _state, ...fields } = campaign;
  return {
    ...fields,
    state: shownState(campaign, now),
    figures,
    projection,
    ...(computedAt ? { computedAt } : {}),
  };
}

const NO_FIGURES: CampaignFigures = { total: 0, done: 0, exempt: 0, open: 0 };

/**
 * Summaries of campaigns: their figures in one read, and each projection
 * over its stored burn-up.
 */
export async function summarize(
  store: Pick<CampaignsStore, 'getFigures' | 'getBurnUp'>,
  campaigns: StoredCampaign[],
  now: Date,
): Promise<CampaignSummary[]> {
  if (campaigns.length === 0) return [];
  const stored = await store.getFigures(campaigns.map(c => c.id));
  const burnUps = await Promise.all(campaigns.map(c => store.getBurnUp(c.id)));
  return campaigns.map((campaign, index) => {
    const current = stored.get(campaign.id) ?? NO_FIGURES;
    return toSummary(
      campaign,
      current,
      projectCompletion({
        burnUp: burnUps[index],
        figures: current,
        deadline: new Date(campaign.deadline),
        now,
      }),
      now,
    );
  });
}
