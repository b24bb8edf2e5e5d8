import { Entity } from '@backstage/catalog-model';
import { screen, waitFor, within } from '@testing-library/react';
import { campaignEntity, teamItems } from '../../../__testUtils__/campaignData';
import { renderForEntity } from '../../../__testUtils__/renderForEntity';
import { emptyApi } from '../../../__testUtils__/testData';
import { EntityOpsReadyCampaignItemsCard } from './EntityOpsReadyCampaignItemsCard';
import { FleetCampaignItems } from './FleetCampaignItems';

const payments: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'payments', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

const itemsOf = (owner: string, items = [teamItems()]) => ({ owner, items });

describe("a team's campaign items", () => {
  it("lists the group's entities with items left, by campaign, on its page", async () => {
    const getCampaignItems = jest.fn(async (owner: string) => itemsOf(owner));
    await renderForEntity(<EntityOpsReadyCampaignItemsCard />, {
      api: emptyApi({ getCampaignItems }),
      entity: payments,
    });
    expect(
      await screen.findByRole('link', { name: 'Probes everywhere' }),
    ).toHaveAttribute('href', '/opsready/campaigns/c1');
    expect(getCampaignItems).toHaveBeenCalledWith('group:default/payments');
    expect(screen.getByText('At risk')).toBeInTheDocument();
    expect(screen.getByText('(in 5 days)')).toBeInTheDocument();
    const entities = screen.getByRole('list', {
      name: 'Entities left in Probes everywhere',
    });
    expect(
      within(entities).getByRole('link', { name: 'cartservice' }),
    ).toBeInTheDocument();
    expect(
      within(entities).getByText(
        'Deployment cartservice has no readiness probe.',
      ),
    ).toBeInTheDocument();
  });

  it('says so quietly when the group has nothing left', async () => {
    await renderForEntity(<EntityOpsReadyCampaignItemsCard />, {
      api: emptyApi(),
      entity: payments,
    });
    expect(
      await screen.findByText('No open campaign items.'),
    ).toBeInTheDocument();
  });

  it("shows the items of the signed-in user's groups on the fleet page", async () => {
    const getCampaignItems = jest.fn(async (owner: string) =>
      owner === 'group:default/payments'
        ? itemsOf(owner)
        : itemsOf(owner, [
            teamItems({
              entities: [campaignEntity('adservice', { owner })],
            }),
          ]),
    );
    await renderForEntity(<FleetCampaignItems />, {
      api: emptyApi({ getCampaignItems }),
      ownershipEntityRefs: [
        'user:default/alan.turing',
        'group:default/payments',
        'group:default/growth',
      ],
    });
    expect(await screen.findByText('Open campaign items')).toBeInTheDocument();
    expect(getCampaignItems.mock.calls.map(c => c[0]).sort()).toEqual([
      'group:default/growth',
      'group:default/payments',
    ]);
    expect(
      screen.getByRole('heading', { name: 'payments' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'cartservice' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'adservice' })).toBeInTheDocument();
  });

  it('shows nothing for a user whose groups have nothing left, and the owner filtered by when it has nothing', async () => {
    const getCampaignItems = jest.fn(async (owner: string) =>
      itemsOf(owner, []),
    );
    const { unmount } = await renderForEntity(<FleetCampaignItems />, {
      api: emptyApi({ getCampaignItems }),
      ownershipEntityRefs: ['group:default/payments'],
    });
    await waitFor(() => expect(getCampaignItems).toHaveBeenCalled());
    expect(screen.queryByText('Open campaign items')).toBeNull();
    unmount();

    await renderForEntity(<FleetCampaignItems owner="group:default/growth" />, {
      api: emptyApi({ getCampaignItems }),
      ownershipEntityRefs: ['group:default/payments'],
    });
    expect(
      await screen.findByText('growth has no open campaign items.'),
    ).toBeInTheDocument();
    expect(getCampaignItems).toHaveBeenLastCalledWith('group:default/growth');
  });
});
