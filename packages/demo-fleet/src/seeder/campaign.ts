/*
 * The demo campaign: the platform team asked three weeks ago for every
 * production service to have a PodDisruptionBudget and probes, due in ten
 * days. The backend's demo history module (packages/backend, demoHistory)
 * has backdated what the services did since, so the campaign's burn-up,
 * replayed from that history when it is launched, shows the storefront
 * team done and the payments team putting the campaign at risk.
 */
import {
  CampaignInput,
  createOpsReadyApiClient,
} from '@opsready/plugin-opsready-common';

const DAY = 24 * 3600_000;

/** The name up to its date: how a campaign launched before is recognised. */
export const DEMO_CAMPAIGN_NAME =
  'Every production service has a PodDisruptionBudget and probes by';

export interface CampaignSeedOptions {
  /** The backend, e.g. http://localhost:7007. */
  backendUrl: string;
  /** A token allowed to manage campaigns (a service's is). */
  token: string;
  /** Limit on each request. */
  timeoutMs?: number;
}

/** `hour`:00 UTC of the day `days` days after `ms`. */
function dayAt(ms: number, days: number, hour: number): Date {
  const date = new Date(ms + days * DAY);
  date.setUTCHours(hour, 0, 0, 0);
  return date;
}

/** The campaign as the platform team launched it, seen from `now`. */
export function demoCampaign(now: number): CampaignInput {
  const deadline = dayAt(now, 10, 17);
  const due = deadline.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  });
  return {
    name: `${DEMO_CAMPAIGN_NAME} ${due}`,
    description: [
      'Every production component runs with a **PodDisruptionBudget** selecting its pods, and every container has a **readiness and a liveness probe**.',
      '',
      'The compliance tab of each service says what is missing and how to add it.',
    ].join('\n'),
    rationale:
      'The cluster upgrade next month drains every node. Without a budget a drain may evict all of a service’s pods at once; without probes Kubernetes sends traffic to pods that are not ready and never restarts stuck ones.',
    goal: { checks: ['kubernetes.pdb', 'kubernetes.probes'] },
    scope: { kinds: ['component'], lifecycles: ['production'] },
    startsAt: dayAt(now, -21, 9).toISOString(),
    deadline: deadline.toISOString(),
    owner: 'group:default/platform',
    enforce: false,
  };
}

/**
 * Launches the demo campaign through the API, unless a campaign of its
 * name was launched before (on an earlier start of the demo). Says
 * whether it launched one, and the campaign's id.
 */
export async function launchDemoCampaign(
  options: CampaignSeedOptions,
  now: number = Date.now(),
): Promise<{ launched: boolean; id: string }> {
  const api = createOpsReadyApiClient({
    baseUrl: `${options.backendUrl}/api/opsready`,
    headers: { Authorization: `Bearer ${options.token}` },
    toError: async response =>
      new Error(
        `${response.url} answered ${response.status}: ${await response.text()}`,
      ),
  });
  const timeoutMs = options.timeoutMs ?? 10_000;

  let cursor: string | undefined;
  do {
    const { data } = await api.GET('/campaigns', {
      params: { query: { limit: 100, cursor } },
      signal: AbortSignal.timeout(timeoutMs),
    });
    const known = data!.items.find(c => c.name.startsWith(DEMO_CAMPAIGN_NAME));
    if (known) {
      return { launched: false, id: known.id };
    }
    cursor = data!.nextCursor;
  } while (cursor);

  const { data } = await api.POST('/campaigns', {
    body: demoCampaign(now),
    signal: AbortSignal.timeout(timeoutMs),
  });
  return { launched: true, id: data!.campaign.id };
}
