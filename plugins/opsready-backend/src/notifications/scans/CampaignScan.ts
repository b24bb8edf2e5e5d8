import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { DateTime } from 'luxon';
import { allCampaigns } from '../../campaigns/allCampaigns';
import type { CampaignsStore, StoredCampaign } from '../../campaigns/types';
import { DomainEvent, DomainEventPublisher } from '../types';

const DAY_MS = 24 * 3600_000;

/**
 * How long after its start a campaign's launch is still told: long enough
 * for a backend that was down over the start, short enough that a team
 * whose entity falls behind weeks later is not told the campaign "started".
 */
const LAUNCH_TOLD_FOR_MS = 3 * DAY_MS;

/**
 * Once an hour across replicas (a global task), publishes what the clock
 * brings about for the running campaigns (active: neither paused nor
 * ended, and started):
 *
 * - `campaign.launched` in the first days after the start (a campaign
 *   scheduled ahead reaches it with no request to tell of it);
 * - `campaign.reminder` `weekly`, all day on the weekday (UTC) the
 *   campaign started, from a week after its start; not in the last week
 *   before the deadline, which has reminders of its own;
 * - `campaign.reminder` `due-in-7-days` while the deadline is 1 to 7 days
 *   ahead, and `due-in-1-day` in its last day.
 *
 * Each scan publishes again what the one before did: the handlers give
 * every notice a `once` key, and the delivery sends each at most once.
 */
export class CampaignScan {
  constructor(
    private readonly deps: {
      campaigns: Pick<CampaignsStore, 'listCampaigns'>;
      publisher: DomainEventPublisher;
      scheduler: SchedulerService;
      logger: LoggerService;
    },
  ) {}

  async start(): Promise<void> {
    await this.deps.scheduler.scheduleTask({
      id: 'opsready-notify-campaigns',
      scope: 'global',
      frequency: { hours: 1 },
      timeout: { minutes: 10 },
      initialDelay: { minutes: 4 },
      fn: async () => {
        await this.run();
      },
    });
  }

  async run(now = new Date()): Promise<{ events: number }> {
    const events: DomainEvent[] = [];
    for (const campaign of await allCampaigns(this.deps.campaigns, [
      'active',
    ])) {
      events.push(...eventsOf(campaign, now));
    }
    if (events.length > 0) {
      await this.deps.publisher.publish(events);
    }
    this.deps.logger.debug(
      `OpsReady campaign scan: ${events.length} launches and reminders`,
    );
    return { events: events.length };
  }
}

/** What the clock brings about for one active campaign at `now`. */
export function eventsOf(campaign: StoredCampaign, now: Date): DomainEvent[] {
  const start = Date.parse(campaign.startsAt);
  const deadline = Date.parse(campaign.deadline);
  const at = now.toISOString();
  const ms = now.getTime();
  if (start > ms) {
    return [];
  }
  const campaignId = campaign.id;
  const events: DomainEvent[] = [];
  if (ms - start < LAUNCH_TOLD_FOR_MS) {
    events.push({ type: 'campaign.launched', campaignId, at });
  }
  const left = deadline - ms;
  if (left > 0 && left <= DAY_MS) {
    events.push({
      type: 'campaign.reminder',
      campaignId,
      reason: 'due-in-1-day',
      at,
    });
  } else if (left > 0 && left <= 7 * DAY_MS) {
    events.push({
      type: 'campaign.reminder',
      campaignId,
      reason: 'due-in-7-days',
      at,
    });
  } else if (isWeeklyDay(start, ms)) {
    events.push({
      type: 'campaign.reminder',
      campaignId,
      reason: 'weekly',
      at,
    });
  }
  return events;
}

/** Whether `ms` falls on the start's weekday (UTC), a week or more after it. */
function isWeeklyDay(start: number, ms: number): boolean {
  const days = DateTime.fromMillis(ms, { zone: 'utc' })
    .startOf('day')
    .diff(
      DateTime.fromMillis(start, { zone: 'utc' }).startOf('day'),
      'days',
    ).days;
  return days >= 7 && days % 7 === 0;
}
