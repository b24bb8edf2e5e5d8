/*
 * Campaign launches, reminders and completions, through the notifier and
 * its delivery (real notification log on SQLite) to the notification
 * service, with the hourly scan publishing what the clock brings about.
 */
import { mockServices } from '@backstage/backend-test-utils';
import {
  entityRow,
  fakeCampaigns,
  storedCampaign,
} from './__testUtils__/fakeCampaigns';
import { notifierHarness } from './__testUtils__/notifierHarness';
import { createCampaignHandlers } from './handlers/campaigns';
import { CampaignScan } from './scans/CampaignScan';

jest.setTimeout(30_000);

const storefront = 'group:default/storefront';
const payments = 'group:default/payments';
const search = 'group:default/search';
const platform = 'group:default/platform';
const ref = (name: string) => `component:default/${name}`;

async function harness(state: 'active' | 'paused' = 'active') {
  let now = new Date('2026-12-01T09:05:00Z');
  const campaigns = fakeCampaigns(
    [
      storedCampaign({
        id: 'c1',
        name: 'PDBs and probes',
        startsAt: '2026-12-01T09:00:00.000Z',
        deadline: '2026-12-24T17:00:00.000Z',
        state,
      }),
    ],
    {
      c1: [
        entityRow(ref('frontend'), storefront),
        entityRow(ref('checkoutservice'), payments, ['PodDisruptionBudget']),
        entityRow(ref('paymentservice'), payments, ['PodDisruptionBudget']),
        entityRow(ref('searchservice'), search, [
          'Readiness and liveness probes',
        ]),
      ],
    },
  );
  const h = await notifierHarness({
    entities: [],
    handlers: createCampaignHandlers({ campaigns }),
    now: () => now,
  });
  const scan = new CampaignScan({
    campaigns,
    publisher: { publish: events => h.notifier.accept(events) },
    scheduler: mockServices.scheduler.mock(),
    logger: mockServices.logger.mock(),
  });
  /** Runs the hourly scan at `at`, as the clock says. */
  const scanAt = async (at: string) => {
    now = new Date(at);
    await scan.run(now);
  };
  return { ...h, campaigns, scanAt };
}

describe('campaign notices', () => {
  it('tells the two teams with items left when the campaign starts, once, and not the team that is done', async () => {
    const h = await harness();
    await h.scanAt('2026-12-01T09:05:00Z');
    await h.scanAt('2026-12-01T10:05:00Z');
    expect(h.told()).toEqual([
      [
        [payments],
        "Campaign 'PDBs and probes' started: 2 of your services need something by 24 Dec",
        `campaign:c1:${payments}`,
      ],
      [
        [search],
        "Campaign 'PDBs and probes' started: 1 of your services needs something by 24 Dec",
        `campaign:c1:${search}`,
      ],
    ]);
    expect(h.sent[0].payload).toEqual(
      expect.objectContaining({
        topic: 'campaigns',
        severity: 'normal',
        link: '/opsready/campaigns/c1',
      }),
    );
  });

  it('reminds weekly in the notification the team already has, once on the day', async () => {
    const h = await harness();
    await h.scanAt('2026-12-01T09:05:00Z');
    // search fixed its probes in the week.
    h.campaigns.rows.set(
      'c1',
      h.campaigns.rows
        .get('c1')!
        .map(row =>
          row.owner === search ? entityRow(row.entityRef, search) : row,
        ),
    );
    h.sent.length = 0;
    for (const hour of ['00', '01', '13', '23']) {
      await h.scanAt(`2026-12-08T${hour}:05:00Z`);
    }
    await h.scanAt('2026-12-09T00:05:00Z');
    expect(h.told()).toEqual([
      [
        [payments],
        "Campaign 'PDBs and probes': 2 of your services need something by 24 Dec",
        `campaign:c1:${payments}`,
      ],
    ]);
    const logged = await h.log.list(payments, {}, { limit: 10 });
    expect(logged.items.map(n => [n.kind, n.status])).toEqual([
      ['campaign.reminder.weekly', 'updated'],
      ['campaign.launched', 'sent'],
    ]);
  });

  it('tells the campaign’s owner when it is complete', async () => {
    const h = await harness();
    await h.notifier.accept([
      {
        type: 'campaign.completed',
        campaignId: 'c1',
        at: '2026-12-20T11:00:00.000Z',
      },
    ]);
    expect(h.told()).toEqual([
      [
        [platform],
        "Campaign 'PDBs and probes' is complete",
        'campaign:c1:owner',
      ],
    ]);
  });

  it('tells nobody of a paused campaign', async () => {
    const h = await harness('paused');
    await h.notifier.accept([
      { type: 'campaign.launched', campaignId: 'c1', at: '2026-12-01T09:05Z' },
      {
        type: 'campaign.reminder',
        campaignId: 'c1',
        reason: 'due-in-1-day',
        at: '2026-12-23T18:00:00Z',
      },
    ]);
    expect(h.sent).toEqual([]);
  });

  it('logs which campaign it could not tell of when the campaigns cannot be read', async () => {
    const h = await harness();
    h.campaigns.getCampaign = async () => {
      throw new Error('database is gone');
    };
    await h.notifier.accept([
      { type: 'campaign.launched', campaignId: 'c1', at: '2026-12-01T09:05Z' },
    ]);
    expect(h.sent).toEqual([]);
    expect(h.logger.warn).toHaveBeenCalledWith(
      'Could not work out whom to tell of campaign.launched for campaign c1: Error: database is gone',
    );
  });
});
