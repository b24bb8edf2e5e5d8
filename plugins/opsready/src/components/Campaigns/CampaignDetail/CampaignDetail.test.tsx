import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  campaign,
  campaignEntity,
  daysFromNow,
  progress,
  checkCatalog,
} from '../../../__testUtils__/campaignData';
import { renderForEntity } from '../../../__testUtils__/renderForEntity';
import { emptyApi } from '../../../__testUtils__/testData';
import { dayLabel } from '../campaignWords';
import { CampaignDetail } from './CampaignDetail';

const atRisk = {
  atRisk: true,
  ratePerWeek: 3.5,
  projectedCompletion: daysFromNow(24),
};

function campaignApi(overrides: Parameters<typeof emptyApi>[0] = {}) {
  return emptyApi({
    getCampaign: jest.fn().mockResolvedValue(campaign({ projection: atRisk })),
    getChecks: jest.fn().mockResolvedValue(checkCatalog),
    getCampaignProgress: jest.fn().mockResolvedValue(
      progress({
        projection: atRisk,
        // Not in order: the page puts the team with the most left first.
        teams: [
          {
            owner: 'group:default/growth',
            total: 20,
            done: 16,
            exempt: 1,
            open: 3,
          },
          {
            owner: 'group:default/payments',
            total: 20,
            done: 12,
            exempt: 1,
            open: 7,
          },
        ],
      }),
    ),
    getCampaignEntities: jest.fn().mockResolvedValue({
      items: [
        campaignEntity('cartservice'),
        campaignEntity('adservice', {
          owner: 'group:default/growth',
          status: 'done',
          items: [],
        }),
      ],
      totalItems: 2,
    }),
    getCampaignHistory: jest.fn().mockResolvedValue({
      items: [
        {
          action: 'edited',
          by: 'user:default/ada.lovelace',
          at: daysFromNow(-2),
          changes: {
            deadline: { from: daysFromNow(-1), to: daysFromNow(5) },
          },
          note: 'Two teams asked for more time',
        },
        {
          action: 'launched',
          by: 'user:default/ada.lovelace',
          at: daysFromNow(-21),
          changes: {},
        },
      ],
    }),
    ...overrides,
  });
}

describe('CampaignDetail', () => {
  afterEach(() => jest.restoreAllMocks());

  it('shows what the campaign asks and why, its figures, burn-up and why it is at risk', async () => {
    await renderForEntity(<CampaignDetail id="c1" />, {
      api: campaignApi(),
    });
    expect(
      await screen.findByRole('heading', { name: 'Probes everywhere' }),
    ).toBeInTheDocument();
    // The goal by the checks' titles.
    expect(
      await screen.findByText('Readiness and liveness probes must pass'),
    ).toBeInTheDocument();
    expect(screen.getByText('rollouts').tagName).toBe('STRONG');
    expect(
      screen.getByText(
        'Yes: after the deadline, the deployment gate fails entities with items left',
      ),
    ).toBeInTheDocument();
    const figures = screen.getByLabelText('Figures');
    expect(figures).toHaveTextContent('In scope40Done28Exempt2Left10');

    expect(
      await screen.findByText(
        `30 of 40 done (2 exempt); the deadline is ${dayLabel(
          daysFromNow(5),
        )}. Projected to finish on ${dayLabel(daysFromNow(24))} (dashed).`,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        `At the rate of the last 14 days (3.5 a week) the last entity is done on ${dayLabel(
          daysFromNow(24),
        )}, 19 days after the deadline.`,
      ),
    ).toBeInTheDocument();
    expect(screen.getAllByText('At risk').length).toBeGreaterThan(0);
  });

  it('lists the teams with the most left first', async () => {
    await renderForEntity(<CampaignDetail id="c1" />, {
      api: campaignApi(),
    });
    const table = (
      await screen.findByText('Teams by what they have left')
    ).closest('div[class*="MuiPaper"]') as HTMLElement;
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows[0]).toHaveTextContent('payments');
    expect(rows[0]).toHaveTextContent('7');
    expect(rows[1]).toHaveTextContent('growth');
    expect(
      within(rows[0]).getByRole('progressbar', {
        name: 'payments: 13 of 20 done (1 exempt)',
      }),
    ).toBeInTheDocument();
  });

  it('lists the entities with each failing check, why, and its fix, filtered on the server', async () => {
    const api = campaignApi();
    await renderForEntity(<CampaignDetail id="c1" />, { api });
    expect(await screen.findByText('Entities (2)')).toBeInTheDocument();
    const needs = screen.getByRole('list', {
      name: 'Still needed by cartservice',
    });
    expect(
      within(needs).getByText('Readiness and liveness probes'),
    ).toBeInTheDocument();
    expect(
      within(needs).getByText('Deployment cartservice has no readiness probe.'),
    ).toBeInTheDocument();
    expect(within(needs).queryByRole('link', { name: /the guide/ })).toBeNull();
    await userEvent.click(
      within(needs).getByRole('button', {
        name: 'How to fix: Readiness and liveness probes',
      }),
    );
    expect(
      within(needs).getByRole('link', { name: /the guide/ }),
    ).toHaveAttribute('href', 'https://docs.example.com/probes');

    await userEvent.click(screen.getByRole('button', { name: /Status/ }));
    await userEvent.click(screen.getByRole('option', { name: 'Open' }));
    await userEvent.click(screen.getByRole('button', { name: /Owner/ }));
    await userEvent.click(screen.getByRole('option', { name: 'payments' }));
    await waitFor(() =>
      expect(api.getCampaignEntities).toHaveBeenLastCalledWith(
        'c1',
        { status: 'open', owner: 'group:default/payments' },
        { cursor: undefined, limit: 25 },
      ),
    );
  });

  it('downloads the CSV export', async () => {
    const exportCampaign = jest.fn().mockResolvedValue({
      filename: 'probes-everywhere.csv',
      csv: 'entity,owner\n',
    });
    const createObjectURL = jest.fn(() => 'blob:csv');
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    const clicked: HTMLAnchorElement[] = [];
    jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function click(this: HTMLAnchorElement) {
        clicked.push(this);
      });
    await renderForEntity(<CampaignDetail id="c1" />, {
      api: campaignApi({ exportCampaign }),
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Export CSV' }),
    );
    await waitFor(() => expect(clicked).toHaveLength(1));
    expect(exportCampaign).toHaveBeenCalledWith('c1');
    expect(clicked[0].download).toBe('probes-everywhere.csv');
    expect(clicked[0].href).toBe('blob:csv');
    expect(createObjectURL).toHaveBeenCalledWith(expect.any(Blob));
  });

  it('shows who changed what in the history', async () => {
    await renderForEntity(<CampaignDetail id="c1" />, {
      api: campaignApi(),
    });
    const history = await screen.findByRole('list', {
      name: 'Campaign history',
    });
    const [edited, launched] = within(history).getAllByRole('listitem');
    expect(edited).toHaveTextContent('Edited by ada.lovelace');
    expect(edited).toHaveTextContent(
      `deadline: ${dayLabel(daysFromNow(-1))} → ${dayLabel(
        daysFromNow(5),
      )} · Two teams asked for more time`,
    );
    expect(launched).toHaveTextContent('Launched by ada.lovelace');
  });

  it('pauses, and ends only once it is confirmed, for who may manage campaigns', async () => {
    const updateCampaign = jest.fn(async (_id: string, patch: any) => ({
      campaign: campaign({ state: patch.state }),
      warnings: [],
    }));
    const api = campaignApi({ updateCampaign });
    await renderForEntity(<CampaignDetail id="c1" />, {
      api,
      allowed: ['opsready.campaigns.manage'],
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Pause' }));
    await waitFor(() =>
      expect(updateCampaign).toHaveBeenCalledWith('c1', { state: 'paused' }),
    );

    await userEvent.click(screen.getByRole('button', { name: 'End' }));
    const confirm = await screen.findByRole('dialog', {
      name: 'End Probes everywhere?',
    });
    expect(updateCampaign).toHaveBeenCalledTimes(1);
    await userEvent.type(
      within(confirm).getByRole('textbox', { name: 'Note for the history' }),
      'Superseded',
    );
    await userEvent.click(
      within(confirm).getByRole('button', { name: 'End campaign' }),
    );
    await waitFor(() =>
      expect(updateCampaign).toHaveBeenLastCalledWith('c1', {
        state: 'ended',
        note: 'Superseded',
      }),
    );
  });

  it('shows no edit, pause or end to who may not manage campaigns', async () => {
    await renderForEntity(<CampaignDetail id="c1" />, {
      api: campaignApi(),
      allowed: false,
    });
    expect(await screen.findByText('Probes everywhere')).toBeInTheDocument();
    expect(
      await screen.findByRole('button', { name: 'Export CSV' }),
    ).toBeInTheDocument();
    for (const name of ['Edit', 'Pause', 'End']) {
      expect(screen.queryByRole('button', { name })).toBeNull();
    }
  });
});
