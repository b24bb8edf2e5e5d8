import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { daysFromNow, entityCampaign } from '../../__testUtils__/campaignData';
import { renderForEntity } from '../../__testUtils__/renderForEntity';
import { emptyApi, evaluation } from '../../__testUtils__/testData';
import { EntityComplianceContent } from '../EntityComplianceContent';
import { dayLabel } from './campaignWords';

describe('the Campaigns card of the compliance tab', () => {
  it("lists the entity's campaigns with their due date, status and what it still needs, with the fix", async () => {
    const getEntityCampaigns = jest.fn().mockResolvedValue({
      items: [
        entityCampaign(),
        entityCampaign({
          campaign: {
            id: 'c2',
            name: 'Owners for all',
            state: 'active',
            deadline: daysFromNow(-2),
            owner: 'group:default/platform',
            enforce: false,
          },
          status: 'done',
          items: [],
          dueAt: daysFromNow(-2),
        }),
      ],
    });
    await renderForEntity(<EntityComplianceContent />, {
      api: emptyApi({ getEntityCampaigns }),
    });

    const card = (await screen.findByText('Campaigns')).closest(
      '.MuiCard-root',
    ) as HTMLElement;
    expect(getEntityCampaigns).toHaveBeenCalledWith({
      kind: 'Component',
      namespace: 'default',
      name: 'checkoutservice',
    });
    expect(
      within(card).getByRole('link', { name: 'Probes everywhere' }),
    ).toHaveAttribute('href', '/opsready/campaigns/c1');
    expect(
      within(card).getByText(dayLabel(daysFromNow(5))),
    ).toBeInTheDocument();
    expect(within(card).getByText('(in 5 days)')).toBeInTheDocument();
    expect(
      within(card).getByText(
        'Enforced by the deployment gate after the deadline',
      ),
    ).toBeInTheDocument();
    const needs = within(card).getByRole('list', {
      name: 'Still needed for Probes everywhere',
    });
    expect(
      within(needs).getByText('Readiness and liveness probes'),
    ).toBeInTheDocument();
    await userEvent.click(
      within(needs).getByRole('button', { name: /How to fix/ }),
    );
    expect(
      within(needs).getByRole('link', { name: /the guide/ }),
    ).toBeInTheDocument();

    // A campaign the entity is done with says so, and asks nothing more.
    expect(within(card).getByText('Done')).toBeInTheDocument();
    expect(
      within(card).queryByRole('list', { name: /Owners for all/ }),
    ).toBeNull();
  });

  it('adds nothing to the tab when no campaign asks anything of the entity', async () => {
    const getEntityCampaigns = jest.fn().mockResolvedValue({ items: [] });
    await renderForEntity(<EntityComplianceContent />, {
      api: emptyApi({ getEntityCampaigns }),
    });
    expect(await screen.findByText('Checks')).toBeInTheDocument();
    expect(getEntityCampaigns).toHaveBeenCalled();
    expect(screen.queryByText('Campaigns')).toBeNull();
  });

  it('reads the campaigns again when the checks are run, so a fixed entity shows done', async () => {
    const getEntityCampaigns = jest
      .fn()
      .mockResolvedValueOnce({ items: [entityCampaign()] })
      .mockResolvedValue({
        items: [entityCampaign({ status: 'done', items: [] })],
      });
    const refreshEntityEvaluation = jest.fn().mockResolvedValue({
      ...evaluation,
      evaluatedAt: new Date().toISOString(),
    });
    await renderForEntity(<EntityComplianceContent />, {
      api: emptyApi({ getEntityCampaigns, refreshEntityEvaluation }),
      allowed: true,
    });
    expect(
      await screen.findByRole('list', {
        name: 'Still needed for Probes everywhere',
      }),
    ).toBeInTheDocument();

    await userEvent.click(
      await screen.findByRole('button', { name: 'Run checks now' }),
    );

    expect(await screen.findByText('Done')).toBeInTheDocument();
    expect(
      screen.queryByRole('list', {
        name: 'Still needed for Probes everywhere',
      }),
    ).toBeNull();
    expect(getEntityCampaigns).toHaveBeenCalledTimes(2);
  });
});
