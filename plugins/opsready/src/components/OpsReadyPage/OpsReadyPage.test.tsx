import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FleetOverview } from '@opsready/plugin-opsready-common';
import { opsreadyApiRef } from '../../api/OpsReadyApi';
import { dora, emptyApi } from '../../__testUtils__/testData';
import { Route, Routes } from 'react-router-dom';
import {
  campaign,
  progress,
  teamItems,
} from '../../__testUtils__/campaignData';
import { renderForEntity } from '../../__testUtils__/renderForEntity';
import { OpsReadyPage } from './OpsReadyPage';

const fleet: FleetOverview = {
  items: [
    {
      entityRef: 'component:default/cartservice',
      kind: 'Component',
      owner: 'group:default/payments',
      score: 92,
      level: 'gold',
      evaluatedAt: new Date().toISOString(),
      openErrors: { critical: 2, high: 1 },
    },
    {
      entityRef: 'component:default/adservice',
      kind: 'Component',
      owner: 'group:default/growth',
      score: 41,
      level: null,
      evaluatedAt: new Date().toISOString(),
      openErrors: { critical: 0, high: 0 },
    },
  ],
  nextCursor: 'c2',
  totalEntities: 60,
  levelCounts: { bronze: 10, silver: 20, gold: 25, none: 5 },
  owners: [
    { owner: 'group:default/growth', averageScore: 55, entities: 20 },
    { owner: 'group:default/payments', averageScore: 88, entities: 40 },
  ],
  topFailingChecks: [{ checkId: 'kubernetes.probes', failing: 17 }],
};

function renderPage(
  getFleet: jest.Mock,
  getScorecards = jest.fn().mockResolvedValue([]),
) {
  const getOwnerDora = jest.fn(async (owner: string) => ({
    ...dora,
    owner,
    entities: [],
  }));
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [opsreadyApiRef, emptyApi({ getFleet, getOwnerDora, getScorecards })],
      ]}
    >
      <OpsReadyPage />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('OpsReadyPage', () => {
  it('shows levels, teams ranked, failing checks, DORA by team and every entity linked', async () => {
    await renderPage(jest.fn().mockResolvedValue(fleet));

    const levels = await screen.findByRole('list', {
      name: 'Entities per level',
    });
    expect(within(levels).getByText('gold: 25')).toBeInTheDocument();
    expect(within(levels).getByText('No level: 5')).toBeInTheDocument();
    const owners = screen.getByRole('list', {
      name: 'Owners by average score',
    });
    expect(within(owners).getAllByRole('listitem')[0]).toHaveTextContent(
      '1. payments',
    );
    expect(screen.getByText('fails on 17 entities')).toBeInTheDocument();
    expect(screen.getByText('Entities (60)')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'cartservice' })).toHaveAttribute(
      'href',
      '/catalog/default/component/cartservice',
    );
    expect(await screen.findByText('DORA by team')).toBeInTheDocument();
    expect((await screen.findAllByText('1.4/day (elite)')).length).toBe(2);
    expect(
      screen.getByText('No service is burning its error budget'),
    ).toBeInTheDocument();
  });

  it("shows each entity's open critical and high errors, linked to its errors tab", async () => {
    await renderPage(jest.fn().mockResolvedValue(fleet));

    const cart = (
      await screen.findByRole('link', { name: 'cartservice' })
    ).closest('tr')!;
    expect(
      within(cart).getByRole('link', { name: '2 critical, 1 high' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/cartservice/opsready-errors',
    );
    const ad = screen.getByRole('link', { name: 'adservice' }).closest('tr')!;
    expect(
      within(ad).queryByRole('link', { name: /critical|high/ }),
    ).toBeNull();
  });

  it('filters by level on the server and pages on', async () => {
    const getFleet = jest.fn().mockResolvedValue(fleet);
    await renderPage(getFleet);
    await userEvent.click(await screen.findByRole('button', { name: /Level/ }));
    await userEvent.click(screen.getByRole('option', { name: 'gold' }));
    await waitFor(() =>
      expect(getFleet).toHaveBeenLastCalledWith(
        { level: 'gold' },
        { cursor: undefined, limit: 50 },
      ),
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Next page' }),
    );
    await waitFor(() =>
      expect(getFleet).toHaveBeenLastCalledWith(
        { level: 'gold' },
        { cursor: 'c2', limit: 50 },
      ),
    );
  });

  it('shows the fleet through the scorecard chosen, with its own levels', async () => {
    const security = {
      ...fleet,
      levelCounts: { safe: 40, none: 20 },
    };
    const getFleet = jest.fn(async (filter: { scorecard?: string }) =>
      filter.scorecard === 'security' ? security : fleet,
    );
    const level = (name: string) => ({ name, minScore: 50 });
    await renderPage(
      getFleet,
      jest.fn().mockResolvedValue([
        {
          id: 'production-readiness',
          title: 'Production readiness',
          levels: [level('gold')],
          checks: [],
        },
        {
          id: 'security',
          title: 'Security',
          levels: [level('safe')],
          checks: [],
        },
      ]),
    );
    await userEvent.click(await screen.findByRole('button', { name: /Level/ }));
    await userEvent.click(screen.getByRole('option', { name: 'gold' }));
    await userEvent.click(
      await screen.findByRole('button', { name: /Scorecard/ }),
    );
    await userEvent.click(screen.getByRole('option', { name: 'Security' }));
    // The level filter of the other scorecard does not carry over.
    await waitFor(() =>
      expect(getFleet).toHaveBeenLastCalledWith(
        { scorecard: 'security' },
        { cursor: undefined, limit: 50 },
      ),
    );
    const levels = await screen.findByRole('list', {
      name: 'Entities per level',
    });
    expect(within(levels).getByText('safe: 40')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: /Level/ }));
    expect(
      screen.getAllByRole('option').map(option => option.textContent),
    ).toEqual(['All', 'safe', 'none']);
  });

  it('shows the open campaign items of the owner the page is filtered by', async () => {
    const getCampaignItems = jest.fn(async (owner: string) => ({
      owner,
      items: owner === 'group:default/payments' ? [teamItems()] : [],
    }));
    await renderForEntity(<OpsReadyPage />, {
      api: emptyApi({
        getFleet: jest.fn().mockResolvedValue(fleet),
        getOwnerDora: jest.fn(async (owner: string) => ({
          ...dora,
          owner,
          entities: [],
        })),
        getCampaignItems,
      }),
      ownershipEntityRefs: ['user:default/alan.turing'],
    });
    await userEvent.click(await screen.findByRole('button', { name: /Owner/ }));
    await userEvent.click(
      screen.getByRole('option', { name: 'group:default/payments' }),
    );
    expect(await screen.findByText('Open campaign items')).toBeInTheDocument();
    expect(getCampaignItems).toHaveBeenCalledWith('group:default/payments');
    expect(
      screen.getByRole('link', { name: 'Probes everywhere' }),
    ).toHaveAttribute('href', '/opsready/campaigns/c1');
  });
});

describe('OpsReadyPage campaigns', () => {
  const renderAt = (path: string, api = emptyApi()) =>
    renderForEntity(
      <Routes>
        <Route path="/opsready/*" element={<OpsReadyPage />} />
      </Routes>,
      { api, routeEntries: [path] },
    );

  it('has a Campaigns tab that lists the campaigns, each opening its own page', async () => {
    const api = emptyApi({
      getFleet: jest.fn().mockResolvedValue(fleet),
      getCampaigns: jest.fn().mockResolvedValue({ items: [campaign()] }),
      getCampaign: jest.fn().mockResolvedValue(campaign()),
      getCampaignProgress: jest.fn().mockResolvedValue(progress()),
    });
    await renderAt('/opsready/campaigns', api);
    expect(screen.getByRole('tab', { name: 'Campaigns' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(screen.getByRole('tab', { name: 'Fleet' })).toBeInTheDocument();
    await userEvent.click(
      await screen.findByRole('link', { name: 'Probes everywhere' }),
    );
    expect(await screen.findByText('Burn-up')).toBeInTheDocument();
    expect(api.getCampaign).toHaveBeenCalledWith('c1');
    expect(screen.getByRole('tab', { name: 'Campaigns' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
  });
});
