import { SchedulerServiceTaskInvocationDefinition } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { recordingPublisher } from '../../__testUtils__/domainEvents';
import { fakeCampaigns, storedCampaign } from '../__testUtils__/fakeCampaigns';
import type { DomainEvent } from '../types';
import { CampaignScan } from './CampaignScan';

// Tuesday 1 December 2026, 09:00 UTC; due Thursday 24 December, 17:00.
const campaign = storedCampaign({
  id: 'c1',
  startsAt: '2026-12-01T09:00:00.000Z',
  deadline: '2026-12-24T17:00:00.000Z',
});

async function setUp(campaigns = [campaign]) {
  const scheduler = mockServices.scheduler.mock();
  const publisher = recordingPublisher();
  const scan = new CampaignScan({
    campaigns: fakeCampaigns(campaigns),
    publisher,
    scheduler,
    logger: mockServices.logger.mock(),
  });
  await scan.start();
  const [[task]] = scheduler.scheduleTask.mock.calls as Array<
    [SchedulerServiceTaskInvocationDefinition]
  >;
  /** What the scheduled task publishes when the clock says `at`. */
  const publishedAt = async (at: string) => {
    jest.setSystemTime(new Date(at));
    publisher.events.length = 0;
    await task.fn(new AbortController().signal);
    return publisher.events.map(summary);
  };
  return { scheduler, publishedAt };
}

function summary(event: DomainEvent): string {
  if (event.type === 'campaign.reminder') {
    return `${event.campaignId} ${event.reason}`;
  }
  return 'campaignId' in event ? `${event.campaignId} ${event.type}` : '';
}

beforeEach(() => {
  jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
});

afterEach(() => {
  jest.useRealTimers();
});

describe('the campaign scan', () => {
  it('runs hourly, once across replicas', async () => {
    const { scheduler } = await setUp();
    expect(scheduler.scheduleTask).toHaveBeenCalledWith(
      expect.objectContaining({
        id: 'opsready-notify-campaigns',
        scope: 'global',
        frequency: { hours: 1 },
      }),
    );
  });

  it('tells of the launch once the start has come, for a few days', async () => {
    const { publishedAt } = await setUp();
    expect(await publishedAt('2026-12-01T08:59:00Z')).toEqual([]);
    expect(await publishedAt('2026-12-01T09:30:00Z')).toEqual([
      'c1 campaign.launched',
    ]);
    expect(await publishedAt('2026-12-04T08:30:00Z')).toEqual([
      'c1 campaign.launched',
    ]);
    expect(await publishedAt('2026-12-04T09:30:00Z')).toEqual([]);
  });

  it('reminds weekly all day on the weekday it started, from a week after its start', async () => {
    const { publishedAt } = await setUp();
    expect(await publishedAt('2026-12-07T23:30:00Z')).toEqual([]);
    expect(await publishedAt('2026-12-08T00:30:00Z')).toEqual(['c1 weekly']);
    expect(await publishedAt('2026-12-08T23:30:00Z')).toEqual(['c1 weekly']);
    expect(await publishedAt('2026-12-09T00:30:00Z')).toEqual([]);
    expect(await publishedAt('2026-12-15T12:00:00Z')).toEqual(['c1 weekly']);
  });

  it('reminds a week before the deadline, then on its last day, in place of the weekly reminder', async () => {
    const { publishedAt } = await setUp();
    expect(await publishedAt('2026-12-17T16:30:00Z')).toEqual([]);
    expect(await publishedAt('2026-12-17T17:30:00Z')).toEqual([
      'c1 due-in-7-days',
    ]);
    // Tuesday, the weekly day: the deadline reminder instead.
    expect(await publishedAt('2026-12-22T10:00:00Z')).toEqual([
      'c1 due-in-7-days',
    ]);
    expect(await publishedAt('2026-12-23T17:30:00Z')).toEqual([
      'c1 due-in-1-day',
    ]);
    expect(await publishedAt('2026-12-24T16:30:00Z')).toEqual([
      'c1 due-in-1-day',
    ]);
  });

  it('keeps reminding weekly past the deadline while the campaign runs', async () => {
    const { publishedAt } = await setUp();
    expect(await publishedAt('2026-12-24T17:30:00Z')).toEqual([]);
    expect(await publishedAt('2026-12-29T10:00:00Z')).toEqual(['c1 weekly']);
  });

  it('looks at every active campaign, page after page, and at no paused or ended one', async () => {
    const many = Array.from({ length: 150 }, (_, i) =>
      storedCampaign({
        ...campaign,
        id: `c${String(i).padStart(3, '0')}`,
      }),
    );
    const { publishedAt } = await setUp([
      ...many,
      storedCampaign({ ...campaign, id: 'paused', state: 'paused' }),
      storedCampaign({ ...campaign, id: 'ended', state: 'ended' }),
    ]);
    const events = await publishedAt('2026-12-08T10:00:00Z');
    expect(events).toHaveLength(150);
    expect(events).not.toContain('paused weekly');
    expect(events).not.toContain('ended weekly');
  });
});
