import {
  entityRow,
  fakeCampaigns,
  storedCampaign,
} from '../__testUtils__/fakeCampaigns';
import { createCampaignHandlers } from './campaigns';

const storefront = 'group:default/storefront';
const payments = 'group:default/payments';
const platform = 'group:default/platform';
const ref = (name: string) => `component:default/${name}`;
const DAY = 86400_000;

const campaign = storedCampaign({
  id: 'c1',
  name: 'PDBs and probes',
  goal: { checks: ['kubernetes.pdb', 'kubernetes.probes'] },
  startsAt: '2026-12-01T09:00:00.000Z',
  deadline: '2026-12-24T17:00:00.000Z',
});

function handlersWith(
  fields: Partial<typeof campaign> = {},
  rows = [
    entityRow(ref('frontend'), storefront),
    entityRow(ref('cartservice'), storefront),
    entityRow(ref('checkoutservice'), payments, ['PodDisruptionBudget']),
    entityRow(ref('paymentservice'), payments, [
      'PodDisruptionBudget',
      'Readiness and liveness probes',
    ]),
    entityRow(ref('adservice'), 'group:default/ads', ['PodDisruptionBudget']),
  ],
) {
  return createCampaignHandlers({
    campaigns: fakeCampaigns([{ ...campaign, ...fields }], { c1: rows }),
  });
}

const launched = {
  type: 'campaign.launched' as const,
  campaignId: 'c1',
  at: '2026-12-01T09:05:00.000Z',
};
const reminder = (
  reason: 'weekly' | 'due-in-7-days' | 'due-in-1-day',
  at: string,
) => ({ type: 'campaign.reminder' as const, campaignId: 'c1', reason, at });

describe('campaign handlers', () => {
  it('tells each team with something left what, when the campaign starts; a team with nothing left hears nothing', async () => {
    const notices = await handlersWith()['campaign.launched'](launched);
    expect(notices).toEqual([
      {
        entityRef: payments,
        topic: 'campaigns',
        kind: 'campaign.launched',
        severity: 'normal',
        title:
          "Campaign 'PDBs and probes' started: 2 of your services need something by 24 Dec",
        description:
          'checkoutservice (PodDisruptionBudget), paymentservice (PodDisruptionBudget, Readiness and liveness probes). The campaign page says how to fix each.',
        link: '/opsready/campaigns/c1',
        scope: `campaign:c1:${payments}`,
        recipients: [payments],
        once: { key: `campaign:c1:launched:${payments}`, withinMs: 30 * DAY },
      },
      expect.objectContaining({
        entityRef: 'group:default/ads',
        recipients: ['group:default/ads'],
        title:
          "Campaign 'PDBs and probes' started: 1 of your services needs something by 24 Dec",
      }),
    ]);
  });

  it('lists the first five entities and counts the rest', async () => {
    const rows = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map(name =>
      entityRow(ref(name), payments, ['PodDisruptionBudget']),
    );
    const [notice] = await handlersWith({}, rows)['campaign.launched'](
      launched,
    );
    expect(notice.title).toContain('7 of your services need something');
    expect(notice.description).toBe(
      'a (PodDisruptionBudget), b (PodDisruptionBudget), c (PodDisruptionBudget), d (PodDisruptionBudget), e (PodDisruptionBudget) and 2 more. The campaign page says how to fix each.',
    );
  });

  it('reminds weekly, then a week and a day before the deadline, more urgently each time, in the same notification', async () => {
    const handlers = handlersWith({}, [
      entityRow(ref('checkoutservice'), payments, ['PodDisruptionBudget']),
    ]);
    const [weekly] = await handlers['campaign.reminder'](
      reminder('weekly', '2026-12-08T00:10:00.000Z'),
    );
    const [week] = await handlers['campaign.reminder'](
      reminder('due-in-7-days', '2026-12-17T18:00:00.000Z'),
    );
    const [lastDay] = await handlers['campaign.reminder'](
      reminder('due-in-1-day', '2026-12-23T18:00:00.000Z'),
    );
    expect(
      [weekly, week, lastDay].map(n => [n.severity, n.kind, n.title, n.once]),
    ).toEqual([
      [
        'normal',
        'campaign.reminder.weekly',
        "Campaign 'PDBs and probes': 1 of your services needs something by 24 Dec",
        { key: `campaign:c1:weekly:2026-W50:${payments}`, withinMs: 8 * DAY },
      ],
      [
        'high',
        'campaign.reminder.due-in-7-days',
        "Campaign 'PDBs and probes' is due in a week: 1 of your services still needs something by 24 Dec",
        {
          key: `campaign:c1:due-in-7-days:2026-12-24:${payments}`,
          withinMs: 30 * DAY,
        },
      ],
      [
        'critical',
        'campaign.reminder.due-in-1-day',
        "Campaign 'PDBs and probes' is due within a day: 1 of your services still needs something by 24 Dec",
        {
          key: `campaign:c1:due-in-1-day:2026-12-24:${payments}`,
          withinMs: 30 * DAY,
        },
      ],
    ]);
    expect(new Set([weekly, week, lastDay].map(n => n.scope))).toEqual(
      new Set([`campaign:c1:${payments}`]),
    );
  });

  it('says a weekly reminder after the deadline is overdue, with the year when it changed', async () => {
    const [notice] = await handlersWith()['campaign.reminder'](
      reminder('weekly', '2027-01-05T00:10:00.000Z'),
    );
    expect(notice.title).toBe(
      "Campaign 'PDBs and probes': 2 of your services still need something; it was due 24 Dec 2026",
    );
  });

  it('says that the gate fails what is left of an enforced campaign', async () => {
    const [notice] = await handlersWith({ enforce: true })['campaign.reminder'](
      reminder('due-in-7-days', '2026-12-17T18:00:00.000Z'),
    );
    expect(notice.description).toMatch(
      /After the deadline the deployment gate fails what is left\.$/,
    );
  });

  it('tells nobody of a paused, ended or not yet started campaign, nor of one that is gone', async () => {
    for (const fields of [
      { state: 'paused' as const },
      { state: 'ended' as const },
      { startsAt: '2026-12-02T00:00:00.000Z' },
    ]) {
      const handlers = handlersWith(fields);
      expect(await handlers['campaign.launched'](launched)).toEqual([]);
      expect(
        await handlers['campaign.reminder'](reminder('weekly', launched.at)),
      ).toEqual([]);
    }
    expect(
      await handlersWith()['campaign.launched']({
        ...launched,
        campaignId: 'gone',
      }),
    ).toEqual([]);
  });

  it('tells the campaign’s owner once it is complete, with how many were exempt', async () => {
    const handlers = handlersWith({ state: 'ended' }, [
      entityRow(ref('frontend'), storefront),
      entityRow(ref('cartservice'), storefront),
      { ...entityRow(ref('checkoutservice'), payments), status: 'exempt' },
    ]);
    expect(
      await handlers['campaign.completed']({
        type: 'campaign.completed',
        campaignId: 'c1',
        at: '2026-12-20T11:00:00.000Z',
      }),
    ).toEqual([
      {
        entityRef: platform,
        topic: 'campaigns',
        kind: 'campaign.completed',
        severity: 'normal',
        title: "Campaign 'PDBs and probes' is complete",
        description:
          'All 3 services in scope are done (1 by exemption) as of 20 Dec; it was due 24 Dec.',
        link: '/opsready/campaigns/c1',
        scope: 'campaign:c1:owner',
        recipients: [platform],
        once: { key: 'campaign:c1:completed', withinMs: 365 * DAY },
      },
    ]);
  });
});
