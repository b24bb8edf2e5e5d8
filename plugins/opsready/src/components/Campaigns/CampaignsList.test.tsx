import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { campaign, daysFromNow } from '../../__testUtils__/campaignData';
import { renderForEntity } from '../../__testUtils__/renderForEntity';
import { backendError, emptyApi } from '../../__testUtils__/testData';
import { CampaignsList } from './CampaignsList';

const late = campaign({
  id: 'c2',
  name: 'Docs for everyone',
  deadline: daysFromNow(-3),
  figures: { total: 10, done: 4, exempt: 0, open: 6 },
  projection: { atRisk: true, ratePerWeek: 1, projectedCompletion: null },
});

const rowOf = (name: string) =>
  screen.getByRole('link', { name }).closest('tr')!;

describe('CampaignsList', () => {
  it('lists each campaign with its owner, state, progress, deadline and whether it is at risk', async () => {
    const api = emptyApi({
      getCampaigns: jest.fn().mockResolvedValue({ items: [campaign(), late] }),
    });
    await renderForEntity(<CampaignsList />, { api });

    const probes = within(
      (await screen.findByRole('link', { name: 'Probes everywhere' })).closest(
        'tr',
      )!,
    );
    expect(
      screen.getByRole('link', { name: 'Probes everywhere' }),
    ).toHaveAttribute('href', '/opsready/campaigns/c1');
    expect(probes.getByText('platform')).toBeInTheDocument();
    expect(probes.getByText('Active')).toBeInTheDocument();
    expect(
      probes.getByRole('progressbar', {
        name: 'Probes everywhere: 30 of 40 done (2 exempt)',
      }),
    ).toHaveAttribute('aria-valuenow', '75');
    expect(probes.getByText('(in 5 days)')).toBeInTheDocument();
    expect(probes.queryByText('At risk')).toBeNull();

    const docs = within(rowOf('Docs for everyone'));
    expect(docs.getByText('4 of 10 done')).toBeInTheDocument();
    expect(docs.getByText('(3 days late)')).toBeInTheDocument();
    expect(docs.getByText('At risk')).toBeInTheDocument();
  });

  it('filters by state on the server', async () => {
    const getCampaigns = jest.fn().mockResolvedValue({ items: [campaign()] });
    await renderForEntity(<CampaignsList />, {
      api: emptyApi({ getCampaigns }),
    });
    await userEvent.click(await screen.findByRole('button', { name: /State/ }));
    await userEvent.click(screen.getByRole('option', { name: 'Paused' }));
    await waitFor(() =>
      expect(getCampaigns).toHaveBeenLastCalledWith(
        { state: 'paused' },
        { cursor: undefined, limit: 25 },
      ),
    );
  });

  it('says there are no campaigns yet, with the launch button for who may launch', async () => {
    const api = emptyApi();
    await renderForEntity(<CampaignsList />, {
      api,
      allowed: ['opsready.campaigns.manage'],
    });
    expect(await screen.findByText('No campaigns yet')).toBeInTheDocument();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Launch a campaign' }),
    );
    expect(
      await screen.findByRole('dialog', { name: 'Launch a campaign' }),
    ).toBeInTheDocument();
  });

  it('shows no launch button to who may not launch', async () => {
    await renderForEntity(<CampaignsList />, {
      api: emptyApi({
        getCampaigns: jest.fn().mockResolvedValue({ items: [campaign()] }),
      }),
      allowed: false,
    });
    expect(
      await screen.findByRole('link', { name: 'Probes everywhere' }),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(
        screen.queryByRole('button', { name: 'Launch a campaign' }),
      ).toBeNull(),
    );
  });

  it("shows the backend's message when the list cannot be read", async () => {
    const getCampaigns = jest
      .fn()
      .mockRejectedValue(
        await backendError('The campaigns are not ready yet', 503),
      );
    await renderForEntity(<CampaignsList />, {
      api: emptyApi({ getCampaigns }),
    });
    expect(
      await screen.findByText('The campaigns are not ready yet'),
    ).toBeInTheDocument();
  });
});
