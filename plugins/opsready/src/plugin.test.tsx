import { screen } from '@testing-library/react';
import {
  EntityComplianceContent,
  EntityDeploymentsContent,
  EntityErrorsContent,
  EntityOpsReadyCampaignItemsCard,
  EntityOpsReadyCard,
  EntitySloCard,
  opsreadyPlugin,
} from './plugin';
import { teamItems } from './__testUtils__/campaignData';
import { emptyApi } from './__testUtils__/testData';
import { renderForEntity } from './__testUtils__/renderForEntity';

describe('the classic (legacy frontend system) plugin', () => {
  it('has the plugin id the backend and permissions use', () => {
    expect(opsreadyPlugin.getId()).toBe('opsready');
  });

  it('renders the lazy-loaded overview card extension', async () => {
    await renderForEntity(<EntityOpsReadyCard />, { api: emptyApi() });
    expect(await screen.findByText('Score 60 / 100')).toBeInTheDocument();
  });

  it('renders the lazy-loaded service level card', async () => {
    await renderForEntity(<EntitySloCard />, { api: emptyApi() });
    expect(await screen.findByText('No SLO declared')).toBeInTheDocument();
  });

  it('renders the lazy-loaded entity tabs', async () => {
    await renderForEntity(
      <>
        <EntityComplianceContent />
        <EntityDeploymentsContent />
        <EntityErrorsContent />
      </>,
      { api: emptyApi() },
    );
    expect(await screen.findByText('Checks')).toBeInTheDocument();
    expect(
      await screen.findByText('No deployments recorded yet'),
    ).toBeInTheDocument();
    expect(await screen.findByText('No errors recorded')).toBeInTheDocument();
  });

  it("renders the lazy-loaded campaign items card of a group's page", async () => {
    const getCampaignItems = jest.fn(async (owner: string) => ({
      owner,
      items: [teamItems()],
    }));
    await renderForEntity(<EntityOpsReadyCampaignItemsCard />, {
      api: emptyApi({ getCampaignItems }),
      entity: {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: { name: 'payments', namespace: 'default' },
        spec: { type: 'team', children: [] },
      },
    });
    expect(
      await screen.findByRole('link', { name: 'Probes everywhere' }),
    ).toHaveAttribute('href', '/opsready/campaigns/c1');
    expect(getCampaignItems).toHaveBeenCalledWith('group:default/payments');
  });
});
