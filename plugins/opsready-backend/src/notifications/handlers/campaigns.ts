import { parseEntityRef } from '@backstage/catalog-model';
import type { NotificationSeverity } from '@backstage/plugin-notifications-common';
import type { CampaignEntity } from '@opsready/plugin-opsready-common';
import { DateTime } from 'luxon';
import type { CampaignsStore, StoredCampaign } from '../../campaigns/types';
import { truncate } from '../../lib/boundedText';
import { campaignPath } from '../links';
import { DomainEvent, Notice } from '../types';
import { listNames } from '../wording';
import { DAY_MS, DomainEventHandlers, entityName } from './common';

/** What the campaign handlers read of the campaigns. */
export type CampaignNoticeReads = Pick<
  CampaignsStore,
  'getCampaign' | 'getTeams' | 'getOpenRowsOfOwner'
>;

type Occasion =
  | 'launched'
  | Extract<DomainEvent, { type: 'campaign.reminder' }>['reason'];

/**
 * How pressing each occasion is: a launch and the weekly reminder are
 * worth reading; a week before the deadline it is time to act; a day
 * before, what is left will miss it.
 */
const SEVERITY: Record<Occasion, NotificationSeverity> = {
  launched: 'normal',
  weekly: 'normal',
  'due-in-7-days': 'high',
  'due-in-1-day': 'critical',
};

/** The longest campaign name a title quotes. */
const MAX_NAME = 80;

/**
 * How long a key is remembered: past every repeat the hourly scan makes
 * of the same occasion (a launch is published for a few days, a reminder
 * while its window lasts).
 */
const ONCE_MS: Record<Occasion | 'completed', number> = {
  launched: 30 * DAY_MS,
  weekly: 8 * DAY_MS,
  'due-in-7-days': 30 * DAY_MS,
  'due-in-1-day': 30 * DAY_MS,
  completed: 365 * DAY_MS,
};

/** `24 Dec`, with the year when it is not the year of `now`. */
function day(at: string, now: string): string {
  const date = DateTime.fromISO(at, { zone: 'utc' }).setLocale('en-GB');
  const sameYear = date.year === DateTime.fromISO(now, { zone: 'utc' }).year;
  return date.toFormat(sameYear ? 'd LLL' : 'd LLL yyyy');
}

function isEntityRef(ref: string): boolean {
  try {
    parseEntityRef(ref);
    return true;
  } catch {
    return false;
  }
}

/** A campaign that is running at `at`: not paused, not ended, started. */
function isRunning(campaign: StoredCampaign, at: string): boolean {
  return (
    campaign.state === 'active' &&
    Date.parse(campaign.startsAt) <= Date.parse(at)
  );
}

/**
 * What a team's notice says it has left: each entity with the titles of
 * its items, the first five, ordered by name.
 */
function itemsLeft(rows: CampaignEntity[]): string {
  return listNames(
    [...rows]
      .sort((a, b) => a.entityRef.localeCompare(b.entityRef))
      .map(
        row =>
          `${entityName(row.entityRef)} (${row.items
            .map(item => item.title)
            .join(', ')})`,
      ),
  );
}

/** The title of a team's notice for the occasion. */
function teamTitle(
  campaign: StoredCampaign,
  occasion: Occasion,
  count: number,
  at: string,
): string {
  const name = `'${truncate(campaign.name, MAX_NAME)}'`;
  const due = day(campaign.deadline, at);
  const some = `${count} of your services ${count === 1 ? 'needs' : 'need'}`;
  const stillSome = `${count} of your services still ${
    count === 1 ? 'needs' : 'need'
  }`;
  switch (occasion) {
    case 'launched':
      return `Campaign ${name} started: ${some} something by ${due}`;
    case 'due-in-7-days':
      return `Campaign ${name} is due in a week: ${stillSome} something by ${due}`;
    case 'due-in-1-day':
      return `Campaign ${name} is due within a day: ${stillSome} something by ${due}`;
    default:
      return Date.parse(campaign.deadline) < Date.parse(at)
        ? `Campaign ${name}: ${stillSome} something; it was due ${due}`
        : `Campaign ${name}: ${some} something by ${due}`;
  }
}

/**
 * The `once` key of a team's notice. Keys are per team, as the notices of
 * one event go out in one batch and the delivery sends one notice per key
 * and batch. A weekly reminder is told once per ISO week; a deadline
 * reminder once per deadline, so that a deadline moved later is reminded
 * of again.
 */
function onceKey(
  campaign: StoredCampaign,
  occasion: Occasion,
  owner: string,
  at: string,
): string {
  const base = `campaign:${campaign.id}`;
  switch (occasion) {
    case 'launched':
      return `${base}:launched:${owner}`;
    case 'weekly':
      return `${base}:weekly:${DateTime.fromISO(at, { zone: 'utc' }).toFormat(
        "kkkk-'W'WW",
      )}:${owner}`;
    default:
      return `${base}:${occasion}:${campaign.deadline.slice(0, 10)}:${owner}`;
  }
}

/**
 * Campaign news. When a campaign starts, weekly while it runs, and a week
 * and a day before its deadline, each team with something left is told
 * what (one notice per owning group; the team's notices share a scope,
 * so a reminder updates the team's earlier notification). A team with
 * nothing left, and every team of a paused or ended campaign, is told
 * nothing. When every entity is done or exempt, the campaign's owner is
 * told.
 */
export function createCampaignHandlers(options: {
  campaigns: CampaignNoticeReads;
}) {
  const { campaigns } = options;

  async function teamNotices(
    campaignId: string,
    occasion: Occasion,
    kind: string,
    at: string,
  ): Promise<Notice[]> {
    const campaign = await campaigns.getCampaign(campaignId);
    if (!campaign || !isRunning(campaign, at)) {
      return [];
    }
    // Entities without an owner have nobody to tell.
    const owners = (await campaigns.getTeams(campaignId))
      .filter(team => team.open > 0)
      .map(team => team.owner)
      .filter((owner): owner is string => !!owner && isEntityRef(owner));
    const notices: Notice[] = [];
    for (const owner of owners) {
      const rows =
        (await campaigns.getOpenRowsOfOwner(owner, [campaignId])).get(
          campaignId,
        ) ?? [];
      if (rows.length === 0) {
        continue;
      }
      const enforced =
        campaign.enforce && occasion !== 'launched'
          ? ' After the deadline the deployment gate fails what is left.'
          : '';
      notices.push({
        entityRef: owner,
        topic: 'campaigns',
        kind,
        severity: SEVERITY[occasion],
        title: teamTitle(campaign, occasion, rows.length, at),
        description: `${itemsLeft(
          rows,
        )}. The campaign page says how to fix each.${enforced}`,
        link: campaignPath(campaignId),
        scope: `campaign:${campaignId}:${owner}`,
        recipients: [owner],
        once: {
          key: onceKey(campaign, occasion, owner, at),
          withinMs: ONCE_MS[occasion],
        },
      });
    }
    return notices;
  }

  return {
    'campaign.launched': async (event): Promise<Notice[]> =>
      teamNotices(event.campaignId, 'launched', event.type, event.at),
    'campaign.reminder': async (event): Promise<Notice[]> =>
      teamNotices(
        event.campaignId,
        event.reason,
        `${event.type}.${event.reason}`,
        event.at,
      ),
    'campaign.completed': async (event): Promise<Notice[]> => {
      const campaign = await campaigns.getCampaign(event.campaignId);
      if (!campaign || !isEntityRef(campaign.owner)) {
        return [];
      }
      const teams = await campaigns.getTeams(campaign.id);
      const total = teams.reduce((sum, team) => sum + team.total, 0);
      const exempt = teams.reduce((sum, team) => sum + team.exempt, 0);
      const byExemption = exempt > 0 ? ` (${exempt} by exemption)` : '';
      return [
        {
          entityRef: campaign.owner,
          topic: 'campaigns',
          kind: event.type,
          severity: 'normal',
          title: `Campaign '${truncate(campaign.name, MAX_NAME)}' is complete`,
          description: `All ${total} services in scope are done${byExemption} as of ${day(
            event.at,
            event.at,
          )}; it was due ${day(campaign.deadline, event.at)}.`,
          link: campaignPath(campaign.id),
          scope: `campaign:${campaign.id}:owner`,
          recipients: [campaign.owner],
          once: {
            key: `campaign:${campaign.id}:completed`,
            withinMs: ONCE_MS.completed,
          },
        },
      ];
    },
  } satisfies DomainEventHandlers;
}
