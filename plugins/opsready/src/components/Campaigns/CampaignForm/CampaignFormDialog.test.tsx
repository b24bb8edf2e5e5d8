import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { campaign, checkCatalog } from '../../../__testUtils__/campaignData';
import { renderForEntity } from '../../../__testUtils__/renderForEntity';
import { backendError, emptyApi } from '../../../__testUtils__/testData';
import { CampaignFormDialog } from './CampaignFormDialog';

async function renderDialog(overrides: Parameters<typeof emptyApi>[0] = {}) {
  const api = emptyApi({
    getChecks: jest.fn().mockResolvedValue(checkCatalog),
    ...overrides,
  });
  const onSaved = jest.fn();
  const rendered = await renderForEntity(
    <CampaignFormDialog onClose={jest.fn()} onSaved={onSaved} />,
    { api },
  );
  return { api, onSaved, rendered };
}

async function chooseProbes() {
  await userEvent.click(
    await screen.findByRole('button', { name: /Checks that must pass/ }),
  );
  await userEvent.click(
    await screen.findByRole('option', {
      name: /Readiness and liveness probes/,
    }),
  );
  await userEvent.keyboard('{Escape}');
}

async function fillRequired() {
  await userEvent.type(screen.getByRole('textbox', { name: 'Name' }), 'Probes');
  await userEvent.type(
    screen.getByRole('textbox', { name: 'Owner group' }),
    'group:default/platform',
  );
  await chooseProbes();
}

describe('CampaignFormDialog', () => {
  it('says what is missing before sending anything', async () => {
    const { api } = await renderDialog();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Launch' }),
    );
    expect(screen.getByText('Give the campaign a name')).toBeInTheDocument();
    expect(
      screen.getByText(
        'Choose checks that must pass, a minimum level, or both',
      ),
    ).toBeInTheDocument();

    fireEvent.change(screen.getByLabelText(/Deadline/), {
      target: { value: '2020-01-01T10:00' },
    });
    expect(
      screen.getByText('The deadline must be after the start'),
    ).toBeInTheDocument();
    expect(api.createCampaign).not.toHaveBeenCalled();
  });

  it('counts the entities the scope matches as it changes, and warns when it matches none', async () => {
    const previewCampaign = jest
      .fn()
      .mockResolvedValueOnce({ matching: 0, sample: [], warnings: [] })
      .mockResolvedValue({
        matching: 42,
        sample: ['component:default/cartservice'],
        warnings: [],
      });
    await renderDialog({ previewCampaign });
    expect(
      await screen.findByText(
        'Choose the goal to see which entities the campaign asks.',
      ),
    ).toBeInTheDocument();

    await chooseProbes();
    expect(
      await screen.findByText(/Matches no entity: nobody would be asked/),
    ).toBeInTheDocument();
    expect(previewCampaign).toHaveBeenCalledTimes(1);
    expect(previewCampaign.mock.calls[0][0]).toMatchObject({
      goal: { checks: ['kubernetes.probes'] },
      scope: {},
    });

    await userEvent.type(
      screen.getByRole('textbox', { name: 'Kinds' }),
      'Component{Enter}',
    );
    expect(await screen.findByText('Matches 42 entities')).toBeInTheDocument();
    expect(previewCampaign).toHaveBeenCalledTimes(2);
    expect(previewCampaign.mock.calls[1][0]).toMatchObject({
      scope: { kinds: ['Component'] },
    });
  });

  it("shows the backend's refusal by the field it names, and the rest at the top", async () => {
    const createCampaign = jest
      .fn()
      .mockRejectedValue(
        await backendError(
          'Invalid campaign: deadline: must be at most a year after startsAt; campaigns are read-only during the upgrade',
          400,
        ),
      );
    await renderDialog({ createCampaign });
    await fillRequired();
    await userEvent.click(screen.getByRole('button', { name: 'Launch' }));

    expect(
      await screen.findByText('Must be at most a year after startsAt'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText(/Deadline/)).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Campaigns are read-only during the upgrade',
    );
  });

  it('launches the campaign as filled in', async () => {
    const saved = { campaign: campaign(), warnings: [] };
    const createCampaign = jest.fn().mockResolvedValue(saved);
    const { onSaved } = await renderDialog({ createCampaign });
    await fillRequired();
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Tags' }),
      'java, go{Enter}',
    );
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Enforce at the deadline' }),
    );
    expect(
      screen.getByText(
        'After the deadline, the deployment gate fails entities with items left.',
      ),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Launch' }));

    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(saved));
    expect(createCampaign).toHaveBeenCalledWith(
      expect.objectContaining({
        name: 'Probes',
        owner: 'group:default/platform',
        goal: { checks: ['kubernetes.probes'] },
        scope: { tags: ['java', 'go'] },
        enforce: true,
      }),
    );
    const tags = screen.getByRole('list', { name: 'Tags chosen' });
    expect(within(tags).getAllByRole('listitem')).toHaveLength(2);
  });

  it('sends only what was edited of a campaign', async () => {
    const updateCampaign = jest
      .fn()
      .mockResolvedValue({ campaign: campaign(), warnings: [] });
    const onSaved = jest.fn();
    await renderForEntity(
      <CampaignFormDialog
        campaign={campaign()}
        onClose={jest.fn()}
        onSaved={onSaved}
      />,
      {
        api: emptyApi({
          getChecks: jest.fn().mockResolvedValue(checkCatalog),
          updateCampaign,
        }),
      },
    );
    const name = await screen.findByRole('textbox', { name: 'Name' });
    expect(name).toHaveValue('Probes everywhere');
    await userEvent.clear(name);
    await userEvent.type(name, 'Probes on every service');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(updateCampaign).toHaveBeenCalledWith('c1', {
      name: 'Probes on every service',
    });
  });
});
