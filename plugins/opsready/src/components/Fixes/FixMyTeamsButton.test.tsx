import { scaffolderApiRef } from '@backstage/plugin-scaffolder-react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  campaignEntity,
  probesItem,
  teamItems,
} from '../../__testUtils__/campaignData';
import { renderForEntity } from '../../__testUtils__/renderForEntity';
import { emptyApi } from '../../__testUtils__/testData';
import { FixMyTeamsButton } from './FixMyTeamsButton';

const uptimeItem = {
  type: 'check' as const,
  checkId: 'health.uptime',
  title: 'Uptime target met',
  status: 'fail',
};
const resourcesItem = {
  type: 'check' as const,
  checkId: 'kubernetes.resources',
  title: 'Resource requests and limits',
  status: 'fail',
};

/**
 * payments: cartservice (probes, fixable) and adservice (uptime only, by
 * hand); growth: emailservice (resources fixable, uptime by hand), and an
 * entity of another campaign that must stay out.
 */
const getCampaignItems = jest.fn(async (owner: string) => ({
  owner,
  items:
    owner === 'group:default/payments'
      ? [
          teamItems({
            entities: [
              campaignEntity('cartservice'),
              campaignEntity('adservice', { items: [uptimeItem] }),
            ],
          }),
        ]
      : [
          teamItems({
            entities: [
              campaignEntity('emailservice', {
                owner,
                items: [resourcesItem, uptimeItem],
              }),
            ],
          }),
          teamItems({
            campaign: { ...teamItems().campaign, id: 'c2', name: 'Other' },
            entities: [campaignEntity('shippingservice', { owner })],
          }),
        ],
}));

function renderButton(scaffold: jest.Mock, items = getCampaignItems) {
  return renderForEntity(<FixMyTeamsButton campaignId="c1" />, {
    api: emptyApi({ getCampaignItems: items }),
    ownershipEntityRefs: [
      'user:default/alan.turing',
      'group:default/payments',
      'group:default/growth',
    ],
    apis: [[scaffolderApiRef, { scaffold }]],
  });
}

describe('fix all in scope for my team', () => {
  it("lists the teams' fixable entities and the manual ones, then starts one task per entity with its checks", async () => {
    const scaffold = jest
      .fn()
      .mockResolvedValueOnce({ taskId: 'task-1' })
      .mockRejectedValueOnce(new Error('Template opsready-fix not found'));
    await renderButton(scaffold);

    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Fix all in scope for my team',
      }),
    );
    const dialog = screen.getByRole('dialog');
    const toFix = within(dialog).getByRole('list', { name: 'Entities to fix' });
    const rows = within(toFix).getAllByRole('listitem');
    expect(rows.map(r => r.getAttribute('aria-label'))).toEqual([
      'component:default/cartservice',
      'component:default/emailservice',
    ]);
    expect(rows[0]).toHaveTextContent(probesItem.title);
    expect(rows[1]).toHaveTextContent('Resource requests and limits');
    expect(rows[1]).toHaveTextContent('Still by hand: Uptime target met');
    const manual = within(dialog).getByRole('list', {
      name: 'Needs a manual fix',
    });
    expect(within(manual).getAllByRole('listitem')).toHaveLength(1);
    expect(manual).toHaveTextContent('adservice');
    expect(dialog).not.toHaveTextContent('shippingservice');

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Start 2 fixes' }),
    );
    expect(
      await within(rows[0]).findByRole('link', {
        name: 'Started: follow the task',
      }),
    ).toHaveAttribute('href', '/create/tasks/task-1');
    expect(
      await within(rows[1]).findByText(
        'Not started: Template opsready-fix not found',
      ),
    ).toBeInTheDocument();
    expect(scaffold.mock.calls).toEqual([
      [
        {
          templateRef: 'template:default/opsready-fix',
          values: {
            entityRef: 'component:default/cartservice',
            checkIds: ['kubernetes.probes'],
          },
        },
      ],
      [
        {
          templateRef: 'template:default/opsready-fix',
          values: {
            entityRef: 'component:default/emailservice',
            checkIds: ['kubernetes.resources'],
          },
        },
      ],
    ]);
    expect(
      within(dialog).queryByRole('button', { name: /Start/ }),
    ).not.toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Close' })).toBeEnabled();
  });

  it('is disabled, saying why, when nothing in scope can be fixed automatically', async () => {
    const scaffold = jest.fn();
    const onlyManual = jest.fn(async (owner: string) => ({
      owner,
      items: [
        teamItems({
          entities: [campaignEntity('adservice', { items: [uptimeItem] })],
        }),
      ],
    }));
    await renderButton(scaffold, onlyManual);

    const button = screen.getByRole('button', {
      name: 'Fix all in scope for my team',
    });
    await waitFor(() =>
      expect(
        screen.getByTitle(
          'Nothing here can be fixed automatically: every item left needs a manual fix.',
        ),
      ).toContainElement(button),
    );
    expect(button).toBeDisabled();
    expect(scaffold).not.toHaveBeenCalled();
  });
});
