import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderForEntity } from '../../__testUtils__/renderForEntity';
import { pageAlert, sloStatus } from '../../__testUtils__/sloData';
import { backendError, emptyApi } from '../../__testUtils__/testData';
import { EntitySloCard } from './EntitySloCard';

function renderCard(
  getSlo: jest.Mock,
  props: { hideWhenUndeclared?: boolean } = {},
) {
  return renderForEntity(<EntitySloCard {...props} />, {
    api: emptyApi({ getSlo }),
  });
}

describe('EntitySloCard', () => {
  it('tells the objectives, the SLIs against them and the budget left', async () => {
    await renderCard(jest.fn().mockResolvedValue(sloStatus()));

    expect(
      await screen.findByRole('heading', { name: 'Service level' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText("Declared in the entity's annotations"),
    ).toBeInTheDocument();
    const objectives = screen.getByRole('region', { name: 'Objectives' });
    expect(objectives).toHaveTextContent(
      '99.9 % available over 28 days99.933 % availableMet',
    );
    expect(objectives).toHaveTextContent(
      'p95 under 200 ms over 28 daysp95 182 ms (objective 200 ms)Met',
    );
    expect(
      screen.getByText(/Measured from Prometheus over 1,250,000 events/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('33 % of the error budget left'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('progressbar', { name: 'Error budget left' }),
    ).toHaveAttribute('aria-valuenow', '33');
    expect(screen.getByText('No burn-rate alert fires.')).toBeInTheDocument();
  });

  it('lists the deployments beside the burn rate, marking the one to roll back', async () => {
    await renderCard(jest.fn().mockResolvedValue(sloStatus()));
    const deployments = await screen.findByRole('list', {
      name: 'Deployments in range',
    });
    const [first, second] = within(deployments).getAllByRole('listitem');
    expect(first).toHaveTextContent(/^2\.4\.0 to production/);
    expect(first).not.toHaveTextContent('Rollback advised');
    expect(second).toHaveTextContent(
      /^2\.5\.0 to production.*Rollback advised/,
    );
    expect(screen.getByTestId('slo-burn-rate-chart')).toHaveTextContent(
      'Burn rate over 1h windows, from Prometheus, in the last 24 hours',
    );
  });

  it('shows the queries on demand', async () => {
    await renderCard(jest.fn().mockResolvedValue(sloStatus()));
    const show = await screen.findByRole('button', { name: 'Show queries' });
    expect(document.body).not.toHaveTextContent('histogram_quantile(0.95');
    await userEvent.click(show);
    // The snippet's highlighter loads on first use.
    await waitFor(() =>
      expect(document.body).toHaveTextContent('histogram_quantile(0.95'),
    );
    expect(
      screen.getByRole('button', { name: 'Hide queries' }),
    ).toHaveAttribute('aria-expanded', 'true');
  });

  it('asks for the range chosen', async () => {
    const getSlo = jest.fn().mockResolvedValue(sloStatus());
    await renderCard(getSlo);
    expect(getSlo).toHaveBeenLastCalledWith(expect.anything(), { hours: 24 });
    await userEvent.click(await screen.findByRole('button', { name: '7 d' }));
    await waitFor(() =>
      expect(getSlo).toHaveBeenLastCalledWith(expect.anything(), {
        hours: 168,
      }),
    );
    expect(screen.getByRole('button', { name: '7 d' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    expect(await screen.findByText(/in the last 7 days/)).toBeInTheDocument();
  });

  it('says plainly when the budget is spent and which alerts fire', async () => {
    const ticket = {
      ...pageAlert,
      severity: 'ticket' as const,
      message: 'Burning 3.1× over 6h',
    };
    await renderCard(
      jest.fn().mockResolvedValue(
        sloStatus({
          budget: {
            allowed: 0.001,
            consumed: 1.35,
            remaining: -0.35,
            burnRate: 16.2,
          },
          alerts: [ticket, pageAlert],
        }),
      ),
    );
    expect(
      await screen.findByText('Error budget exhausted: 35 % over'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('region', { name: 'Objectives' }),
    ).toHaveTextContent('Not met');
    const alerts = within(
      screen.getByRole('list', { name: 'Burn-rate alerts' }),
    ).getAllByRole('listitem');
    expect(alerts[0]).toHaveTextContent(`Page${pageAlert.message}`);
    expect(alerts[1]).toHaveTextContent('TicketBurning 3.1× over 6h');
  });

  it('shows how to declare objectives when there are none', async () => {
    await renderCard(
      jest.fn().mockResolvedValue(sloStatus({ objectives: undefined })),
    );
    expect(await screen.findByText('No SLO declared')).toBeInTheDocument();
    expect(screen.getByTestId('slo-none-declared')).toHaveTextContent(
      'opsready.io/slo-availability: "99.9%"',
    );
    expect(
      screen.queryByRole('button', { name: '7 d' }),
    ).not.toBeInTheDocument();
  });

  it('keeps the objectives and says nothing is measured yet', async () => {
    await renderCard(
      jest.fn().mockResolvedValue(
        sloStatus({
          sli: undefined,
          budget: undefined,
          latencyMet: undefined,
          objectives: {
            declaredBy: 'defaults',
            availability: { target: 0.995, windowDays: 7 },
          },
        }),
      ),
    );
    expect(
      await screen.findByText('99.5 % available over 7 days'),
    ).toBeInTheDocument();
    expect(screen.getByText(/Defaults for its tier/)).toBeInTheDocument();
    expect(screen.getByText('Not measured yet')).toBeInTheDocument();
    expect(screen.queryByTestId('slo-error-budget')).not.toBeInTheDocument();
    expect(screen.queryByTestId('slo-burn-rate-chart')).not.toBeInTheDocument();
  });

  it('lists what could not be read', async () => {
    await renderCard(
      jest.fn().mockResolvedValue(
        sloStatus({
          objectives: undefined,
          problems: ['opsready.io/slo-latency: "fast" is not a latency'],
        }),
      ),
    );
    expect(
      await screen.findByText(
        'opsready.io/slo-latency: "fast" is not a latency',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/One thing could not be read/)).toBeInTheDocument();
  });

  it("shows the backend's error", async () => {
    await renderCard(
      jest.fn().mockRejectedValue(await backendError('No entity cartservice')),
    );
    expect(
      (await screen.findAllByText(/No entity cartservice/)).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByText('No SLO declared')).not.toBeInTheDocument();
  });

  it('can stay out of the way of an entity without objectives', async () => {
    const getSlo = jest
      .fn()
      .mockResolvedValue(sloStatus({ objectives: undefined }));
    await renderCard(getSlo, { hideWhenUndeclared: true });
    await waitFor(() => expect(getSlo).toHaveBeenCalled());
    await waitFor(() =>
      expect(
        screen.queryByRole('heading', { name: 'Service level' }),
      ).not.toBeInTheDocument(),
    );
  });
});
